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
package dev.floe.wal.iceberg;

import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.testing.TestStreams;
import dev.floe.wal.tier.TableCommits;
import dev.floe.wal.tier.TierOptions;
import dev.floe.wal.tier.TierStores;
import dev.floe.wal.tier.Tierer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/** A typed stream, its records, and ways to tier them and read its Iceberg table. */
final class IcebergFixture {

    static final String STREAM = "orders";
    static final String SCHEMA =
            """
            {"type": "record", "name": "Order", "fields": [
              {"name": "id", "type": "long"},
              {"name": "item", "type": "string"},
              {"name": "qty", "type": ["null", "int"]}]}
            """;
    private static final Schema ORDER = new Schema.Parser().parse(SCHEMA);

    /** Version 2: a field added in the middle, with a default. */
    static final String SCHEMA_V2 =
            """
            {"type": "record", "name": "Order", "fields": [
              {"name": "id", "type": "long"},
              {"name": "note", "type": "string", "default": ""},
              {"name": "item", "type": "string"},
              {"name": "qty", "type": ["null", "int"]}]}
            """;

    private static final Schema ORDER_V2 = new Schema.Parser().parse(SCHEMA_V2);
    private static final Duration LEASE = Duration.ofSeconds(30);

    final ManifestStore manifest;
    final ObjectStore store;
    final TierStores stores;
    final TestStreams streams;
    private final Map<Integer, Integer> written = new java.util.concurrent.ConcurrentHashMap<>();

    IcebergFixture(ManifestStore manifest, ObjectStore store, int partitions) {
        this.manifest = manifest;
        this.store = store;
        this.stores = TierStores.single(store);
        this.streams = new TestStreams(manifest, stores);
        manifest.createStream(new StreamConfig(STREAM, partitions, SCHEMA, null));
    }

    /** The id of the {@code n}th order of {@code partition}. */
    static long id(int partition, long n) {
        return partition * 1_000_000L + n;
    }

    /** Commits {@code count} more orders to {@code partition} as one segment object. */
    void commit(int partition, int count) throws IOException {
        commit(partition, count, 1);
    }

    /**
     * Commits {@code count} more orders to {@code partition} as one segment object, written with
     * schema version {@code version} (1 or 2, whose note is "note-n").
     */
    void commit(int partition, int count, int version) throws IOException {
        Schema schema = version == 1 ? ORDER : ORDER_V2;
        int from = written.getOrDefault(partition, 0);
        List<WalRecord> records = new ArrayList<>();
        for (int n = from; n < from + count; n++) {
            GenericRecord order = new GenericData.Record(schema);
            order.put("id", id(partition, n));
            order.put("item", "item-" + n);
            order.put("qty", n % 3 == 0 ? null : n);
            if (version > 1) {
                order.put("note", "note-" + n);
            }
            records.add(WalRecord.of(1_000L + n, null, encode(schema, order)));
        }
        streams.commit(STREAM, partition, records, version);
        written.put(partition, from + count);
    }

    /** Tiers the partition's committed segment objects, telling {@code commits} of each swap. */
    List<ObjectDescriptor> tier(int partition, TableCommits.Factory commits) throws IOException {
        StreamConfig config = manifest.stream(STREAM).orElseThrow();
        try (PartitionClaim claim = manifest.acquire(STREAM, partition, "tierer", LEASE)) {
            TierOptions options =
                    TierOptions.builder()
                            .supersededGrace(Duration.ZERO)
                            .tableCommits(commits)
                            .build();
            return new Tierer(
                            manifest,
                            stores,
                            config,
                            partition,
                            claim.epoch(),
                            options,
                            Clock.systemUTC())
                    .tier(true);
        }
    }

    /** The locations of the Parquet objects the manifest commits. */
    Set<String> committedParquet(ObjectStoreFileIO io) {
        Set<String> locations = new TreeSet<>();
        int partitions = manifest.stream(STREAM).orElseThrow().partitions();
        for (int p = 0; p < partitions; p++) {
            for (ObjectDescriptor d : streams.objects(STREAM, p)) {
                if (d.kind() == ObjectDescriptor.Kind.PARQUET) {
                    locations.add(io.location(d.key()));
                }
            }
        }
        return locations;
    }

    /** Every row of the table, read by Iceberg's own reader. */
    static List<Record> rows(Table table) throws IOException {
        table.refresh();
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
            read.forEach(r -> rows.add(r.copy()));
        }
        return rows;
    }

    /** The live data files' locations, each once per time the table lists it. */
    static List<String> dataFiles(Table table) {
        table.refresh();
        List<String> files = new ArrayList<>();
        try (var tasks = table.newScan().planFiles()) {
            tasks.forEach(t -> files.add(t.file().location()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Whether every snapshot's parent is the one before it, from the first to the current. */
    static boolean linear(Table table) {
        table.refresh();
        List<Snapshot> all = new ArrayList<>();
        table.snapshots().forEach(all::add);
        Set<Long> seen = new HashSet<>();
        Long parent = null;
        for (Snapshot s : all) {
            if (!java.util.Objects.equals(s.parentId(), parent) || !seen.add(s.snapshotId())) {
                return false;
            }
            parent = s.snapshotId();
        }
        return table.currentSnapshot() == null || table.currentSnapshot().snapshotId() == parent;
    }

    static long dataFileRecords(Table table) {
        long n = 0;
        try (var tasks = table.newScan().planFiles()) {
            for (var t : tasks) {
                DataFile f = t.file();
                n += f.recordCount();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
