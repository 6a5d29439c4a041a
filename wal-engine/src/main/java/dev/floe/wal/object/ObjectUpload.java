package dev.floe.wal.object;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One streaming, create-only upload. Bytes are buffered up to one part and sent as they arrive, so
 * memory stays bounded whatever the object's size. Nothing is visible until {@link #complete()}
 * returns; {@link #abort()} (or a failure) leaves no object. Not thread-safe: one writer thread.
 */
public interface ObjectUpload extends AutoCloseable {

    /** Appends the buffer's remaining bytes, advancing its position. */
    void write(ByteBuffer bytes) throws IOException;

    /** Appends bytes. */
    default void write(byte[] bytes, int offset, int length) throws IOException {
        write(ByteBuffer.wrap(bytes, offset, length));
    }

    /** Bytes written so far. */
    long size();

    /**
     * Makes the object visible under its key, create-only.
     *
     * @throws ObjectAlreadyExistsException if the key was taken meanwhile
     */
    ObjectInfo complete() throws IOException;

    /** Discards what was sent; safe to call more than once and after a failure. */
    void abort() throws IOException;

    /** Aborts unless {@link #complete()} succeeded. */
    @Override
    default void close() throws IOException {
        abort();
    }
}
