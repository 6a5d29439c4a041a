package dev.floe.wal.format;

import java.io.IOException;
import java.util.Arrays;

/**
 * Random access to the bytes of one stored object, which is all a {@link SegmentObjectReader}
 * needs: an object store's ranged read, a file, or bytes in memory. Implementations say whether
 * they are thread-safe.
 */
public interface RangeSource {

    /** Size of the object in bytes. */
    long size() throws IOException;

    /** Reads {@code length} bytes from {@code position}; fewer only where the object ends. */
    byte[] read(long position, int length) throws IOException;

    /** A source over bytes in memory, which it does not copy. Thread-safe. */
    static RangeSource of(byte[] bytes) {
        return new RangeSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public byte[] read(long position, int length) {
                if (position < 0 || length < 0) {
                    throw new IllegalArgumentException(
                            "cannot read " + length + " bytes at position " + position);
                }
                int from = (int) Math.min(position, bytes.length);
                return Arrays.copyOfRange(
                        bytes, from, (int) Math.min(from + (long) length, bytes.length));
            }
        };
    }
}
