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

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.TlsOptions;
import dev.floe.flink.source.FloeSourceOptions;
import dev.floe.flink.source.split.FloeSplit;
import dev.floe.wal.manifest.ManifestEvent;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.tls.TlsConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches records of the splits a reader owns, taking turns between them: one batch per fetch. When
 * every split has read all that is committed, it waits until the manifest reports a commit, or a
 * poll interval at most, and returns nothing. Paused splits (watermark alignment) are skipped. Used
 * by the fetcher thread, except {@link #wakeUp}.
 */
final class FloeSplitReader implements SplitReader<LoggedRecord, FloeSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(FloeSplitReader.class);

    private static final int BATCH_ROWS = 4096;

    /** How long a reader following writers' tails waits for their next records. */
    private static final long TAIL_WAIT_MILLIS = 2;

    private final FloeConnection connection;
    private final ReaderMetrics metrics;
    private final long pollMillis;
    private final boolean readUncommitted;
    private final String tailToken;
    private final boolean tailLocalFiles;
    private final TlsConfig tailTls;
    private final List<String> valueFields;
    private final String readerSchema;
    private final TimestampRange timestamps;
    private ValueFields values;
    private AutoCloseable commitWatch;
    private final Map<String, PartitionCursor> cursors = new LinkedHashMap<>();
    private final Set<String> paused = new HashSet<>();
    private final Object idle = new Object();
    private boolean woken;
    private int turn;

    /**
     * @param readerSchema the Avro schema (JSON) values are returned in, or null for the stream's
     *     latest schema
     */
    FloeSplitReader(
            FloeConnection connection,
            ReadableConfig config,
            String readerSchema,
            ReaderMetrics metrics) {
        this.connection = connection;
        this.readerSchema = readerSchema;
        this.readUncommitted =
                config.get(FloeSourceOptions.ISOLATION)
                        == FloeSourceOptions.Isolation.READ_UNCOMMITTED;
        this.tailToken = config.getOptional(FloeSourceOptions.TAIL_TOKEN).orElse("");
        this.tailLocalFiles = config.get(FloeSourceOptions.TAIL_LOCAL_FILES);
        this.tailTls =
                TlsOptions.of(config, FloeSourceOptions.TAIL_TLS_CA_FILE, null, null).orElse(null);
        this.valueFields = config.getOptional(FloeSourceOptions.VALUE_FIELDS).orElse(null);
        this.timestamps = TimestampRange.of(config);
        this.metrics = metrics;
        this.pollMillis = Math.max(1, config.get(FloeSourceOptions.POLL_INTERVAL).toMillis());
    }

    @Override
    public RecordsWithSplitIds<LoggedRecord> fetch() throws IOException {
        long started = System.nanoTime();
        List<PartitionCursor> active = new ArrayList<>(cursors.values());
        RecordsBySplits.Builder<LoggedRecord> out = new RecordsBySplits.Builder<>();
        for (int i = 0; i < active.size(); i++) {
            PartitionCursor cursor = active.get((turn + i) % active.size());
            if (paused.contains(cursor.splitId())) {
                continue;
            }
            List<LoggedRecord> batch = cursor.nextBatch(BATCH_ROWS);
            if (cursor.finished()) {
                out.addFinishedSplit(cursor.splitId());
                cursors.remove(cursor.splitId()).close();
            }
            if (!batch.isEmpty()) {
                out.addAll(cursor.splitId(), batch);
                turn = (turn + i + 1) % active.size();
                metrics.fetched(System.nanoTime() - started);
                return out.build();
            }
        }
        RecordsWithSplitIds<LoggedRecord> finished = out.build();
        if (finished.finishedSplits().isEmpty()) {
            waitForCommits();
        }
        return finished;
    }

    private void waitForCommits() {
        long wait = pollMillis;
        for (PartitionCursor c : cursors.values()) {
            if (c.tailing()) {
                wait = TAIL_WAIT_MILLIS;
                break;
            }
        }
        synchronized (idle) {
            if (!woken) {
                try {
                    idle.wait(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            woken = false;
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<FloeSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "unsupported split change " + change.getClass().getSimpleName());
        }
        for (FloeSplit split : change.splits()) {
            watchCommits(split.stream());
            ValueFields splitValues = values(split.stream());
            cursors.put(
                    split.splitId(),
                    new PartitionCursor(
                            split,
                            connection.manifest(),
                            connection.stores(),
                            metrics,
                            readUncommitted
                                    ? new TailFollower(
                                            connection.manifest(),
                                            split.stream(),
                                            split.partition(),
                                            tailToken,
                                            tailLocalFiles,
                                            tailTls)
                                    : null,
                            splitValues,
                            timestamps));
        }
    }

    /** Wakes the reader when a commit lands, so it need not wait out its poll interval. */
    private void watchCommits(String stream) {
        if (commitWatch != null) {
            return;
        }
        try {
            commitWatch =
                    connection
                            .manifest()
                            .watch(
                                    stream,
                                    event -> {
                                        if (event instanceof ManifestEvent.HeadChanged) {
                                            wakeUp();
                                        }
                                    });
        } catch (RuntimeException e) {
            commitWatch = () -> {};
            LOG.warn(
                    "Cannot watch stream {} for commits; polling every {} ms instead: {}",
                    stream,
                    pollMillis,
                    e.toString());
        }
    }

    /** The value fields to read from {@code stream}, bound to its schema on first use. */
    private ValueFields values(String stream) {
        if (values == null) {
            values =
                    ValueFields.of(
                            () -> connection.manifest().schemaHistory(stream),
                            readerSchema,
                            valueFields);
        }
        return values;
    }

    @Override
    public void pauseOrResumeSplits(
            Collection<FloeSplit> splitsToPause, Collection<FloeSplit> splitsToResume) {
        splitsToPause.forEach(s -> paused.add(s.splitId()));
        splitsToResume.forEach(s -> paused.remove(s.splitId()));
    }

    @Override
    public void wakeUp() {
        synchronized (idle) {
            woken = true;
            idle.notifyAll();
        }
    }

    @Override
    public void close() throws Exception {
        IOUtils.closeAll(cursors.values());
        IOUtils.closeAll(commitWatch, connection);
    }
}
