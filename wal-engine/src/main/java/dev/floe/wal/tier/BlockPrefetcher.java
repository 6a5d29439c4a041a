package dev.floe.wal.tier;

import dev.floe.wal.format.LoggedRecord;
import dev.floe.wal.format.SegmentObjectReader;
import dev.floe.wal.format.SegmentRecordCursor;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.object.ObjectStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads the blocks of a run of segment objects on a background thread, a few blocks ahead of the
 * consumer, so fetching and decompressing overlaps with what the consumer does with the records.
 * Memory is bounded by {@value #AHEAD} decoded blocks. One consumer thread; close it when done.
 */
final class BlockPrefetcher implements AutoCloseable {

    private static final int AHEAD = 4;
    private static final List<LoggedRecord> END = List.of();

    private final BlockingQueue<List<LoggedRecord>> blocks = new ArrayBlockingQueue<>(AHEAD);
    private final Thread thread;
    private volatile Throwable failure;

    BlockPrefetcher(ObjectStore store, List<ObjectDescriptor> segments, String name) {
        this.thread = new Thread(() -> readAll(store, segments), "floe-prefetch-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void readAll(ObjectStore store, List<ObjectDescriptor> segments) {
        try {
            for (ObjectDescriptor segment : segments) {
                SegmentRecordCursor cursor =
                        SegmentObjectReader.open(
                                        segment.key(), new ObjectRangeSource(store, segment))
                                .cursor(segment.startOffset(), segment.endOffset());
                while (cursor.hasNext()) {
                    blocks.put(cursor.next());
                }
            }
            blocks.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            failure = e;
            blocks.offer(END);
        }
    }

    /** The next block's records, or null after the last one. */
    List<LoggedRecord> next() throws IOException {
        List<LoggedRecord> block;
        try {
            block = blocks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading segment objects");
        }
        if (block == END) {
            Throwable failed = failure;
            if (failed instanceof IOException io) {
                throw io;
            }
            if (failed != null) {
                throw new IOException("Reading segment objects failed: " + failed, failed);
            }
            return null;
        }
        return block;
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
