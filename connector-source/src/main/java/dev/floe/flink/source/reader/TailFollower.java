/*
 * Copyright 2026 The Floe Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.floe.flink.source.reader;

import dev.floe.wal.log.ReadLimit;
import dev.floe.wal.log.TailReader;
import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.SchemaVersion;
import dev.floe.wal.manifest.WriterInfo;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.tail.TailClient;
import dev.floe.wal.tail.TailCutOffException;
import dev.floe.wal.tail.TailServer;
import dev.floe.wal.tls.TlsConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a partition's writer (read-uncommitted) from the next offset, returning what has arrived
 * without blocking. When the writer's WAL directory is visible here (the same host, or a shared
 * file system) and its lock file names the holder the writer advertised, it reads the WAL files
 * directly; otherwise it connects to the writer's tail endpoint. A lost connection, a removed
 * directory or a writer that reopened its WAL is found again on the next call. An endpoint that
 * cuts this reader off (it fell behind) is not asked again for {@link #AFTER_CUT_OFF}, so the
 * reader reads committed records meanwhile. Used by the fetcher thread only.
 */
final class TailFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TailFollower.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_LOCAL_BATCH = 4096;
    private static final long HOLDER_CHECK_NANOS = 100_000_000L;

    /** How long a reader whose TLS handshake failed waits before it tries the writer again. */
    private static final Duration TLS_RETRY_DELAY = Duration.ofSeconds(5);

    /** How long an endpoint may send nothing, not even its heartbeat, before it counts as lost. */
    private static final Duration SILENCE_LIMIT = TailServer.HEARTBEAT.multipliedBy(4);

    /** How long a reader the tail endpoint cut off reads committed records only. */
    static final Duration AFTER_CUT_OFF = Duration.ofSeconds(10);

    private final ManifestStore manifest;
    private final String stream;
    private final int partition;
    private final String token;
    private final boolean localFiles;
    private final TlsConfig tls;
    private TailClient client;
    private TailReader local;
    private Path localDirectory;
    private String localHolder;
    private long holderCheckedNanos;
    private long heardNanos;
    // No endpoint is asked again before this time: after a cut-off or a TLS failure.
    private long retryNanos;
    private String tlsFailure;
    private int schemaVersion = SchemaVersion.INITIAL;

    /**
     * @param localFiles whether to read the writer's WAL files directly when they are visible
     * @param tls the CA of TLS endpoints, or null for plain ones
     */
    TailFollower(
            ManifestStore manifest,
            String stream,
            int partition,
            String token,
            boolean localFiles,
            TlsConfig tls) {
        this.manifest = manifest;
        this.stream = stream;
        this.partition = partition;
        this.token = token;
        this.localFiles = localFiles;
        this.tls = tls;
        this.retryNanos = System.nanoTime();
    }

    /** Records from {@code next} that have arrived; empty when none (or no writer is serving). */
    List<LoggedRecord> poll(long next) {
        try {
            if (!connected() && (System.nanoTime() - retryNanos < 0 || !connect(next))) {
                return List.of();
            }
            if (local != null) {
                return pollLocal();
            }
            if (!client.hasBatch()) {
                if (System.nanoTime() - heardNanos > SILENCE_LIMIT.toNanos()) {
                    // A closed connection has nothing available either: only the silence tells.
                    throw new IOException(
                            "nothing from " + client.endpoint() + " for " + SILENCE_LIMIT);
                }
                return List.of();
            }
            heardNanos = System.nanoTime();
            return client.poll();
        } catch (SSLException e) {
            // A wrong CA or certificate does not pass by itself: say so louder, once, and wait.
            if (!Objects.equals(e.getMessage(), tlsFailure)) {
                LOG.warn("Tail of {}/{} unavailable: {}", stream, partition, e.getMessage());
            }
            tlsFailure = e.getMessage();
            retryNanos = System.nanoTime() + TLS_RETRY_DELAY.toNanos();
            close();
            return List.of();
        } catch (TailCutOffException e) {
            LOG.info(
                    "Tail of {}/{} at offset {} cut off; reading committed records for {}: {}",
                    stream,
                    partition,
                    next,
                    AFTER_CUT_OFF,
                    e.getMessage());
            retryNanos = System.nanoTime() + AFTER_CUT_OFF.toNanos();
            close();
            return List.of();
        } catch (IOException e) {
            LOG.info("Tail of {}/{} at offset {} lost: {}", stream, partition, next, e.toString());
            close();
            return List.of();
        }
    }

    /** The version of the stream's value schema the writer followed now writes. */
    int schemaVersion() {
        return schemaVersion;
    }

    /** Whether records come from a writer's WAL files or its endpoint now. */
    boolean connected() {
        return client != null || local != null;
    }

    private List<LoggedRecord> pollLocal() throws IOException {
        List<LoggedRecord> batch;
        try {
            batch = local.poll(MAX_LOCAL_BATCH, Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        if (batch.isEmpty() && System.nanoTime() - holderCheckedNanos > HOLDER_CHECK_NANOS) {
            holderCheckedNanos = System.nanoTime();
            if (!WriteAheadLog.holderOf(localDirectory).orElse("").equals(localHolder)) {
                throw new IOException("the writer's WAL at " + localDirectory + " was reopened");
            }
        }
        return batch;
    }

    private boolean connect(long next) throws IOException {
        Optional<WriterInfo> found = manifest.writer(stream, partition);
        if (found.isEmpty()) {
            return false;
        }
        WriterInfo writer = found.get();
        schemaVersion = writer.schemaVersion();
        if (localFiles && visible(writer)) {
            localDirectory = Path.of(writer.walDirectory());
            localHolder = writer.walHolder();
            holderCheckedNanos = System.nanoTime();
            local =
                    WriteAheadLog.openReader(
                            localDirectory, next, ReadLimit.WRITTEN, WalOptions.defaults());
            LOG.info(
                    "Following {}/{} from offset {} in the writer's WAL files at {}",
                    stream,
                    partition,
                    next,
                    localDirectory);
            return true;
        }
        if (writer.tailEndpoint() == null) {
            return false;
        }
        client =
                TailClient.connect(
                        writer.tailEndpoint(),
                        token,
                        stream,
                        partition,
                        next,
                        ReadLimit.WRITTEN,
                        CONNECT_TIMEOUT,
                        tls);
        heardNanos = System.nanoTime();
        LOG.info(
                "Following {}/{} from offset {} at the writer's tail endpoint {}",
                stream,
                partition,
                next,
                writer.tailEndpoint());
        return true;
    }

    /** Whether the writer's WAL directory is here: its lock file names the advertised holder. */
    private static boolean visible(WriterInfo writer) {
        return writer.walDirectory() != null
                && writer.walHolder() != null
                && WriteAheadLog.holderOf(Path.of(writer.walDirectory()))
                        .filter(writer.walHolder()::equals)
                        .isPresent();
    }

    @Override
    public void close() {
        closeQuietly(client);
        closeQuietly(local);
        client = null;
        local = null;
    }

    private void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("Closing the tail of {}/{}: {}", stream, partition, e.toString());
        }
    }
}
