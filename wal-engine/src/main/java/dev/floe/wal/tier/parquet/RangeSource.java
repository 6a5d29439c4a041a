package dev.floe.wal.tier.parquet;

import java.io.IOException;

/**
 * An object's bytes read by range, such as an object store's ranged GET. Implementations say
 * whether they are thread-safe; the reader calls one source from one thread at a time.
 */
public interface RangeSource {

    /** Reads {@code length} bytes from {@code position}; fewer only at the end of the object. */
    byte[] read(long position, int length) throws IOException;

    /** The object's size in bytes. */
    long size() throws IOException;
}
