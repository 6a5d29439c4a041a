package dev.floe.wal.tier;

import dev.floe.wal.object.ObjectUpload;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** An {@link OutputStream} that feeds a streaming upload. Not thread-safe. */
public final class UploadOutputStream extends OutputStream {

    private final ObjectUpload upload;

    public UploadOutputStream(ObjectUpload upload) {
        this.upload = upload;
    }

    @Override
    public void write(int b) throws IOException {
        upload.write(ByteBuffer.wrap(new byte[] {(byte) b}));
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        upload.write(ByteBuffer.wrap(bytes, offset, length));
    }
}
