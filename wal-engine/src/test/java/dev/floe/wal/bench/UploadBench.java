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
package dev.floe.wal.bench;

import dev.floe.wal.format.SegmentObjectOptions;
import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.manifest.CommitRequest;
import dev.floe.wal.manifest.CommitResult;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.object.S3ObjectStore;
import dev.floe.wal.object.S3ObjectStoreConfig;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.testing.EtcdServer;
import dev.floe.wal.testing.S3ProxyServer;
import dev.floe.wal.tier.BatchStager;
import dev.floe.wal.tier.TierOptions;
import dev.floe.wal.tier.TierStores;
import dev.floe.wal.tier.Tierer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Benchmark {@code upload}: against a local S3 server and etcd, in one run: raw SDK PUTs of the
 * bytes of a segment object (baseline) next to Floe staging the same records from the WAL into a
 * segment object; raw parquet-hadoop encoding of the same rows (baseline, in memory) next to Floe
 * tiering committed segment objects into an uploaded Parquet object; and etcd commit latency.
 * Arguments: records per round (default 1,000,000), rounds (default 3), commits (default 1,000),
 * and {@code --zstd-level=N} for the segment objects (default: Floe's default).
 */
public final class UploadBench {

    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "JPY", "CHF"};

    /** Settings of the staged segment objects: defaults unless {@code --zstd-level=N}. */
    private static SegmentObjectOptions segmentOptions = SegmentObjectOptions.defaults();

    /** How long the last {@link #stage} took from the stager's start to the sealed object. */
    private static long lastStageNanos;

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--zstd-level=")) {
                segmentOptions =
                        SegmentObjectOptions.builder()
                                .zstdLevel(
                                        Integer.parseInt(arg.substring("--zstd-level=".length())))
                                .build();
            } else {
                positional.add(arg);
            }
        }
        int records = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 1_000_000;
        int rounds = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 3;
        int commits = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 1_000;
        Path root = Files.createTempDirectory("floe-bench-upload");
        BenchReport report;
        try (S3ProxyServer s3 = S3ProxyServer.start("bench-upload");
                EtcdServer etcd = EtcdServer.start("bench-upload")) {
            s3.createBucket("bench");
            try (S3ObjectStore store =
                            S3ObjectStore.open(
                                    S3ObjectStoreConfig.builder()
                                            .endpoint(s3.endpoint())
                                            .credentials(s3.accessKey(), s3.secretKey())
                                            .bucket("bench")
                                            .build());
                    S3Client raw = s3.newClient();
                    ManifestStore manifest =
                            ManifestStores.etcd(
                                    EtcdManifestConfig.builder()
                                            .endpoints(etcd.endpoint())
                                            .namespace("bench")
                                            .build())) {
                report = run(root, records, rounds, commits, store, raw, manifest);
            }
        } finally {
            BenchReport.deleteTree(root);
        }
        // After every service and the log have closed, so nothing logs after the JSON line.
        report.print();
    }

    private static BenchReport run(
            Path root,
            int records,
            int rounds,
            int commits,
            S3ObjectStore store,
            S3Client raw,
            ManifestStore manifest)
            throws Exception {
        StreamConfig stream = manifest.createStream(StreamConfig.of("bench", 1));
        List<ObjectDescriptor> segments = new ArrayList<>();
        long[] floeNanos = new long[rounds];
        long[] putNanos = new long[rounds];
        long segmentBytes = 0;
        try (PartitionClaim claim = manifest.acquire("bench", 0, "bench", Duration.ofSeconds(30));
                WriteAheadLog wal =
                        WriteAheadLog.open(root.resolve("wal"), WalOptions.defaults())) {
            stage(
                    wal,
                    store,
                    manifest,
                    claim,
                    records / 10,
                    segments); // warm-up, committed like the rest
            for (int round = 0; round < rounds; round++) {
                ObjectDescriptor d = stage(wal, store, manifest, claim, records, segments);
                floeNanos[round] = lastStageNanos;
                byte[] bytes = store.read(d.key(), 0, (int) d.sizeBytes());
                long putStarted = System.nanoTime();
                String baselineKey = "baseline/" + round;
                raw.putObject(
                        b -> b.bucket("bench").key(baselineKey), RequestBody.fromBytes(bytes));
                putNanos[round] = System.nanoTime() - putStarted;
                segmentBytes = d.sizeBytes();
                System.out.printf(
                        Locale.ROOT,
                        "round %d: segment object of %.1f MB staged in %.2f s, raw PUT %.2f s%n",
                        round,
                        d.sizeBytes() / 1e6,
                        floeNanos[round] / 1e9,
                        putNanos[round] / 1e9);
            }
            long rows = segments.stream().mapToLong(ObjectDescriptor::recordCount).sum();
            double encodeRowsPerSecond = encodeBaseline(rows);
            Tierer tierer =
                    new Tierer(
                            manifest,
                            TierStores.single(store),
                            stream,
                            0,
                            claim.epoch(),
                            TierOptions.builder().targetObjectBytes(Long.MAX_VALUE).build(),
                            Clock.systemUTC());
            long tierStarted = System.nanoTime();
            List<ObjectDescriptor> tiered = tierer.tier(true);
            double tierSeconds = (System.nanoTime() - tierStarted) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "tiering: %d rows from %d segment objects into %d Parquet object(s) of %.1f MB"
                            + " in %.2f s%n",
                    rows,
                    segments.size(),
                    tiered.size(),
                    tiered.get(0).sizeBytes() / 1e6,
                    tierSeconds);
            long[] commitNanos = commitLatencies(manifest, commits);

            double floeMbPerSecond = segmentBytes / 1e6 / (median(floeNanos) / 1e9);
            double putMbPerSecond = segmentBytes / 1e6 / (median(putNanos) / 1e9);
            return new BenchReport("upload")
                    .put("records_per_object", records)
                    .put("segment_object_mb", segmentBytes / 1e6)
                    .put("segment_records_per_s", records / (median(floeNanos) / 1e9))
                    .put("segment_mb_per_s", floeMbPerSecond)
                    .put("baseline_mb_per_s", putMbPerSecond)
                    .put("ratio_segment_vs_put", floeMbPerSecond / putMbPerSecond)
                    .put("tier_rows", rows)
                    .put("tier_rows_per_s", rows / tierSeconds)
                    .put("baseline_encode_rows_per_s", encodeRowsPerSecond)
                    .put("ratio_tier_vs_encode", rows / tierSeconds / encodeRowsPerSecond)
                    .put("commits", commits)
                    .put("p50_commit_ms", BenchReport.percentile(commitNanos, commits, 0.5) / 1e6)
                    .put("p99_commit_ms", BenchReport.percentile(commitNanos, commits, 0.99) / 1e6);
        }
    }

    /**
     * Appends records, then stages them into one segment object (timed, into {@link
     * #lastStageNanos}) and commits it.
     */
    private static ObjectDescriptor stage(
            WriteAheadLog wal,
            S3ObjectStore store,
            ManifestStore manifest,
            PartitionClaim claim,
            int records,
            List<ObjectDescriptor> committed)
            throws Exception {
        long start = wal.endOffset();
        for (long i = start; i < start + records; i++) {
            wal.append(order(i));
        }
        wal.sync();
        ObjectDescriptor d;
        long started = System.nanoTime();
        try (BatchStager stager =
                new BatchStager(
                        store,
                        "bench",
                        List.of(new BatchStager.StagedLog(0, wal, claim.epoch(), start)),
                        segmentOptions,
                        Long.MAX_VALUE,
                        Clock.systemUTC())) {
            d = stager.seal().get(10, TimeUnit.MINUTES).get(0).get(0);
        }
        lastStageNanos = System.nanoTime() - started;
        CommitResult result =
                manifest.commit(
                        new CommitRequest(
                                "bench", 0, claim.epoch(), start, List.of(d), "bench/" + start));
        if (result.status() != CommitResult.Status.COMMITTED) {
            throw new IllegalStateException("commit failed: " + result);
        }
        committed.add(d);
        return d;
    }

    /**
     * Encodes the same rows, generated beforehand, with parquet-hadoop's example writer into a sink
     * that drops the bytes.
     */
    private static double encodeBaseline(long rows) throws Exception {
        MessageType schema =
                MessageTypeParser.parseMessageType(
                        "message row { required int64 _offset; required int64 _timestamp;"
                                + " optional binary _key; required int32 _partition;"
                                + " required group _headers (MAP) { repeated group key_value {"
                                + " required binary key (STRING); optional binary value; } }"
                                + " required binary _value; }");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        WalRecord[] input = new WalRecord[(int) rows];
        for (int i = 0; i < input.length; i++) {
            input[i] = order(i);
        }
        long started = System.nanoTime();
        try (ParquetWriter<Group> writer =
                ExampleParquetWriter.builder(new DiscardingOutputFile())
                        .withConf(new Configuration(false))
                        .withType(schema)
                        .withCompressionCodec(CompressionCodecName.ZSTD)
                        .withRowGroupSize(16L * 1024 * 1024)
                        .build()) {
            for (int i = 0; i < input.length; i++) {
                WalRecord r = input[i];
                Group row = groups.newGroup();
                row.addGroup("_headers");
                writer.write(
                        row.append("_offset", (long) i)
                                .append("_timestamp", r.timestamp())
                                .append("_key", Binary.fromConstantByteArray(r.key()))
                                .append("_partition", 0)
                                .append("_value", Binary.fromConstantByteArray(r.value())));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT, "baseline parquet encoding: %d rows in %.2f s%n", rows, seconds);
        return rows / seconds;
    }

    private static long[] commitLatencies(ManifestStore manifest, int commits) {
        manifest.createStream(StreamConfig.of("commits", 1));
        long[] nanos = new long[commits];
        try (PartitionClaim claim =
                manifest.acquire("commits", 0, "bench", Duration.ofSeconds(30))) {
            for (int i = 0; i < commits; i++) {
                ObjectDescriptor d =
                        new ObjectDescriptor(
                                ObjectDescriptor.Kind.SEGMENT,
                                "commits/" + i,
                                i,
                                i + 1,
                                100,
                                0,
                                0,
                                claim.epoch());
                long started = System.nanoTime();
                CommitResult r =
                        manifest.commit(
                                new CommitRequest(
                                        "commits", 0, claim.epoch(), i, List.of(d), "c-" + i));
                nanos[i] = System.nanoTime() - started;
                if (r.status() != CommitResult.Status.COMMITTED) {
                    throw new IllegalStateException("commit " + i + " failed: " + r);
                }
            }
        }
        return nanos;
    }

    /** An order of about 100 bytes with varied fields, so compression sees realistic data. */
    static WalRecord order(long id) {
        Random random = new Random(id);
        String value =
                String.format(
                        Locale.ROOT,
                        "{\"order\":%d,\"customer\":\"c-%06d\",\"amount\":%d.%02d,\"currency\":\"%s\",\"sku\":\"%08x\"}",
                        id,
                        random.nextInt(1_000_000),
                        random.nextInt(10_000),
                        random.nextInt(100),
                        CURRENCIES[random.nextInt(CURRENCIES.length)],
                        random.nextInt());
        return WalRecord.of(
                1_700_000_000_000L + id * 3,
                ("c-" + (id % 10_000)).getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    private static double median(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }
}
