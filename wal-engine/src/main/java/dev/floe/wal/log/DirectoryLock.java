package dev.floe.wal.log;

import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock that makes one writer per log directory: an OS file lock on {@code wal.lock},
 * which also records who holds it. Released on close or when the process dies. Thread-safe.
 */
final class DirectoryLock implements Closeable {

    static final String FILE_NAME = "wal.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new WalException(
                    "WAL directory "
                            + dir
                            + " is already open by another writer ("
                            + holder(file)
                            + "); a log has exactly one writer: close the other one or use"
                            + " another directory");
        }
        channel.truncate(0);
        channel.write(
                ByteBuffer.wrap(
                        ManagementFactory.getRuntimeMXBean()
                                .getName()
                                .getBytes(StandardCharsets.UTF_8)),
                0);
        return new DirectoryLock(channel, lock);
    }

    private static String holder(Path file) {
        try {
            String who = Files.readString(file, StandardCharsets.UTF_8).trim();
            return who.isEmpty() ? "holder unknown" : "held by process " + who;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
