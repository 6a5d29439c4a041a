package dev.floe.wal.format;

import dev.floe.wal.error.FloeException;

/**
 * Bytes of a segment object fail validation; names the object, the byte position and the problem.
 * Final for retry loops: reading again helps only if the bytes were damaged in transit, and if the
 * error repeats the stored object is damaged. Immutable.
 */
public class CorruptSegmentObjectException extends FloeException {
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
