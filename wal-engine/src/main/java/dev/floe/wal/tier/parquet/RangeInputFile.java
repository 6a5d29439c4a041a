package dev.floe.wal.tier.parquet;

import dev.floe.wal.format.RangeSource;
import java.io.IOException;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet's {@link InputFile} over a {@link RangeSource}: each stream reads through its own
 * read-ahead buffer. The size is asked once. Thread-safe if the source is; each stream is not.
 */
final class RangeInputFile implements InputFile {

    private final RangeSource source;
    private final String objectName;
    private final long size;
    private final int readAheadBytes;

    RangeInputFile(RangeSource source, String objectName, int readAheadBytes) throws IOException {
        this.source = source;
        this.objectName = objectName;
        this.size = source.size();
        this.readAheadBytes = readAheadBytes;
    }

    @Override
    public long getLength() {
        return size;
    }

    @Override
    public SeekableInputStream newStream() {
        return new ReadAheadInputStream(source, objectName, size, readAheadBytes);
    }

    @Override
    public String toString() {
        return objectName;
    }
}
