package dev.floe.wal.format;

import java.io.IOException;

/**
 * Bytes of a segment object fail validation; names the object, the byte position and the problem.
 * Reading again from the store may help if the bytes were damaged in transit; if the error repeats,
 * the stored object is damaged.
 */
public class CorruptSegmentObjectException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String object;
    private final long position;

    public CorruptSegmentObjectException(String object, long position, String problem) {
        super("Corrupt segment object " + object + " at byte " + position + ": " + problem);
        this.object = object;
        this.position = position;
    }

    /** The name the reader was given for the object, usually its key. */
    public String object() {
        return object;
    }

    /** Position in the object of the part that failed. */
    public long position() {
        return position;
    }
}
