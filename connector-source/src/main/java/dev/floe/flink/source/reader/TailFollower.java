package dev.floe.flink.source.reader;

import dev.floe.wal.format.LoggedRecord;
import dev.floe.wal.log.ReadLimit;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.WriterInfo;
import dev.floe.wal.tail.TailClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a partition's writer through its tail endpoint (read-uncommitted): connects to the
 * endpoint the writer registered, from the next offset, and returns what has arrived without
 * blocking. A lost connection or a moved writer is found again on the next call. Used by the
 * fetcher thread only.
 */
final class TailFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TailFollower.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final ManifestStore manifest;
    private final String stream;
    private final int partition;
    private final String token;
    private TailClient client;

    TailFollower(ManifestStore manifest, String stream, int partition, String token) {
        this.manifest = manifest;
        this.stream = stream;
        this.partition = partition;
        this.token = token;
    }

    /** Records from {@code next} that have arrived; empty when none (or no writer is serving). */
    List<LoggedRecord> poll(long next) {
        try {
            if (client == null && !connect(next)) {
                return List.of();
            }
            if (!client.hasBatch()) {
                return List.of();
            }
            return client.poll();
        } catch (IOException e) {
            LOG.info("Tail of {}/{} at offset {} lost: {}", stream, partition, next, e.toString());
            close();
            return List.of();
        }
    }

    boolean connected() {
        return client != null;
    }

    private boolean connect(long next) throws IOException {
        Optional<WriterInfo> writer = manifest.writer(stream, partition);
        if (writer.isEmpty() || writer.get().tailEndpoint() == null) {
            return false;
        }
        client =
                TailClient.connect(
                        writer.get().tailEndpoint(),
                        token,
                        stream,
                        partition,
                        next,
                        ReadLimit.WRITTEN,
                        CONNECT_TIMEOUT);
        return true;
    }

    @Override
    public void close() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                LOG.debug("Closing the tail of {}/{}: {}", stream, partition, e.toString());
            }
            client = null;
        }
    }
}
