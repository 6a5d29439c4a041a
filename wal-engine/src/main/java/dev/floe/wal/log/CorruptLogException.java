package dev.floe.wal.log;

import java.nio.file.Path;

/** Bytes in a segment file fail validation; names the file and the byte position. */
public class CorruptLogException extends WalException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long position;

    public CorruptLogException(Path file, long position, String problem) {
        super("Corrupt WAL segment " + file + " at byte " + position + ": " + problem);
        this.file = file;
        this.position = position;
    }

    public Path file() {
        return file;
    }

    public long position() {
        return position;
    }
}
