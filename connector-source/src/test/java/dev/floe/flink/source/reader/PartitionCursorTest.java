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

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.source.split.FloeSplit;
import dev.floe.wal.format.SegmentObjectOptions;
import dev.floe.wal.format.SegmentObjectSummary;
import dev.floe.wal.format.SegmentObjectWriter;
import dev.floe.wal.manifest.CommitRequest;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.object.InMemoryObjectStore;
import dev.floe.wal.object.ObjectUpload;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.tier.ObjectDescriptors;
import dev.floe.wal.tier.TierStores;
import dev.floe.wal.tier.parquet.ParquetObjectOptions;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import dev.floe.wal.tier.parquet.ParquetObjectSummary;
import dev.floe.wal.tier.parquet.ParquetObjectWriter;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cursor whose next object is compacted away and deleted between listing and reading it. */
class PartitionCursorTest {

    @TempDir Path dir;

    @Test
    void anObjectDeletedAfterItWasListedIsResolvedAgainNeverSkipped() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        try (ManifestStore manifest = ManifestStores.embedded(dir, "test")) {
            manifest.createStream(StreamConfig.of("s", 1));
            long epoch = manifest.acquire("s", 0, "test", Duration.ofMinutes(1)).epoch();
            ObjectDescriptor first = segment(store, "first", 0, 10, epoch);
            ObjectDescriptor second = segment(store, "second", 10, 20, epoch);
            ObjectDescriptor replacement = segment(store, "replacement", 10, 20, epoch);
            manifest.commit(new CommitRequest("s", 0, epoch, 0, List.of(first), "c1"));
            manifest.commit(new CommitRequest("s", 0, epoch, 10, List.of(second), "c2"));

            AtomicBoolean raced = new AtomicBoolean();
            ManifestStore racing =
                    (ManifestStore)
                            Proxy.newProxyInstance(
                                    getClass().getClassLoader(),
                                    new Class<?>[] {ManifestStore.class},
                                    (proxy, method, args) -> {
                                        Object result = invoke(manifest, method, args);
                                        if (method.getName().equals("objects")
                                                && (long) args[2] == 10
                                                && raced.compareAndSet(false, true)) {
                                            manifest.swap(
                                                    "s",
                                                    0,
                                                    epoch,
                                                    List.of(second),
                                                    replacement,
                                                    Instant.now());
                                            store.delete(List.of(second.key()));
                                        }
                                        return result;
                                    });

            PartitionCursor cursor =
                    new PartitionCursor(
                            new FloeSplit("s", 0, 0, 20, FloeSplit.NO_TIMESTAMP),
                            racing,
                            TierStores.single(store),
                            new ReaderMetrics(
                                    UnregisteredMetricsGroup.createSourceReaderMetricGroup()),
                            null,
                            ValueFields.whole(),
                            new TimestampRange(Long.MIN_VALUE, Long.MAX_VALUE));
            List<Long> offsets = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < 10 && !cursor.finished(); i++) {
                for (LoggedRecord r : cursor.nextBatch(100)) {
                    offsets.add(r.offset());
                    values.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
            assertThat(raced).isTrue();
            assertThat(cursor.finished()).isTrue();
            assertThat(offsets).containsExactlyElementsOf(range(0, 20));
            assertThat(values.get(15)).isEqualTo("replacement-15");
            cursor.close();
        }
    }

    @Test
    void aParquetObjectReturnsOnlyTheRowsInTheTimestampRangeAndTheCursorMovesPastTheRest()
            throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        try (ManifestStore manifest = ManifestStores.embedded(dir, "test")) {
            manifest.createStream(StreamConfig.of("s", 1));
            long epoch = manifest.acquire("s", 0, "test", Duration.ofMinutes(1)).epoch();
            // Offset o has timestamp 10 * o, in row groups of about 2,000 rows.
            ObjectDescriptor object = parquet(store, "tiered", 20_000, epoch);
            manifest.commit(new CommitRequest("s", 0, epoch, 0, List.of(object), "c1"));

            PartitionCursor cursor =
                    new PartitionCursor(
                            new FloeSplit("s", 0, 0, 20_000, FloeSplit.NO_TIMESTAMP),
                            manifest,
                            TierStores.single(store),
                            new ReaderMetrics(
                                    UnregisteredMetricsGroup.createSourceReaderMetricGroup()),
                            null,
                            ValueFields.whole(),
                            new TimestampRange(100_000, 110_000));
            List<Long> offsets = new ArrayList<>();
            for (int i = 0; i < 100 && !cursor.finished(); i++) {
                cursor.nextBatch(1_000).forEach(r -> offsets.add(r.offset()));
            }
            assertThat(cursor.finished()).isTrue();
            assertThat(offsets).containsExactlyElementsOf(range(10_000, 11_000));
            cursor.close();
        }
    }

    private static ObjectDescriptor parquet(
            InMemoryObjectStore store, String name, long records, long epoch) throws Exception {
        String key = "s/" + name + ".parquet";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ParquetObjectSummary summary;
        try (ParquetObjectWriter writer =
                ParquetObjectWriter.open(
                        bytes,
                        key,
                        ParquetObjectSchema.bytesValued(),
                        0,
                        ParquetObjectOptions.builder()
                                .rowGroupBytes(64 * 1024)
                                .pageBytes(4 * 1024)
                                .build())) {
            for (long o = 0; o < records; o++) {
                writer.write(
                        new LoggedRecord(
                                o,
                                WalRecord.of(
                                        10 * o,
                                        null,
                                        (name + "-" + o).getBytes(StandardCharsets.UTF_8))));
            }
            summary = writer.finish();
        }
        long size = store.putIfAbsent(key, bytes.toByteArray()).size();
        return ObjectDescriptors.of(ObjectDescriptor.Kind.PARQUET, key, summary, size, epoch);
    }

    private static Object invoke(ManifestStore target, java.lang.reflect.Method m, Object[] a)
            throws Throwable {
        try {
            return m.invoke(target, a);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static ObjectDescriptor segment(
            InMemoryObjectStore store, String name, long start, long end, long epoch)
            throws Exception {
        String key = "s/" + name + ".seg";
        ObjectUpload upload = store.startUpload(key);
        SegmentObjectWriter writer =
                new SegmentObjectWriter(key, upload::write, SegmentObjectOptions.defaults());
        for (long o = start; o < end; o++) {
            writer.append(
                    new LoggedRecord(
                            o,
                            WalRecord.of(
                                    o, null, (name + "-" + o).getBytes(StandardCharsets.UTF_8))));
        }
        SegmentObjectSummary summary = writer.finish();
        long size = upload.complete().size();
        return ObjectDescriptors.of(ObjectDescriptor.Kind.SEGMENT, key, summary, size, epoch);
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }
}
