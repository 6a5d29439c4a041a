package dev.floe.examples.gold;

import dev.floe.wal.object.ObjectUpload;
import java.io.IOException;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Parquet's {@link OutputFile} over an object store's streaming upload. Closing the stream does not
 * complete the upload: its owner completes or aborts it. Can be created once. Not thread-safe.
 */
final class UploadOutputFile implements OutputFile {

    private final ObjectUpload upload;
    private final String key;
    private boolean created;

    UploadOutputFile(ObjectUpload upload, String key) {
        this.upload = upload;
        this.key = key;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        if (created) {
            throw new IOException("object " + key + " is already being written");
        }
        created = true;
        return new PositionOutputStream() {
            @Override
            public long getPos() {
                return upload.size();
            }

            @Override
            public void write(int b) throws IOException {
                upload.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                upload.write(bytes, offset, length);
            }
        };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return key;
    }
}
