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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive lock that makes one writer per log directory: an OS file lock on {@code wal.lock},
 * which also records who holds it. Released on close or when the process dies. Thread-safe.
 *
 * <p>OS file locks belong to the process, and closing any channel to the locked file releases them.
 * So a second attempt from this JVM must not open the file at all: locks held here are also tracked
 * in memory and refused before the file is touched.
 */
final class DirectoryLock implements Closeable {

    static final String FILE_NAME = "wal.lock";

    /** Lock files (real paths) locked by this JVM. */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path heldKey;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path heldKey, FileChannel channel, FileLock lock) {
        this.heldKey = heldKey;
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        Path heldKey = dir.toRealPath().resolve(FILE_NAME);
        if (!HELD_HERE.add(heldKey)) {
            throw alreadyOpen(dir, "held by this process " + processName());
        }
        try {
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
                throw alreadyOpen(dir, holder(file));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(processName().getBytes(StandardCharsets.UTF_8)), 0);
            return new DirectoryLock(heldKey, channel, lock);
        } catch (IOException | RuntimeException e) {
            HELD_HERE.remove(heldKey);
            throw e;
        }
    }

    private static WalException alreadyOpen(Path dir, String holder) {
        return new WalException(
                "WAL directory "
                        + dir
                        + " is already open by another writer ("
                        + holder
                        + "); a log has exactly one writer: close the other one or use"
                        + " another directory");
    }

    private static String processName() {
        return ManagementFactory.getRuntimeMXBean().getName();
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
            HELD_HERE.remove(heldKey);
        }
    }
}
