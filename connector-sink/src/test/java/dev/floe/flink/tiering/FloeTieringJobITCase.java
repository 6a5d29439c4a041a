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
package dev.floe.flink.tiering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.sink.FloeRecordSerializers;
import dev.floe.flink.sink.FloeSink;
import dev.floe.flink.sink.TierMode;
import dev.floe.flink.sink.testing.FloeTestStores;
import dev.floe.wal.admin.CleanMode;
import dev.floe.wal.admin.CleanReport;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.VerifyLevel;
import dev.floe.wal.admin.VerifyReport;
import dev.floe.wal.manifest.Conditions;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.TieringClaim;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import dev.floe.wal.tier.BucketLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * FloeTieringJob after FloeSinks with {@code floe.sink.tier.mode: EXTERNAL}, in a Flink MiniCluster
 * (and, to be killed, a JVM of its own) against a real etcd and S3 server.
 */
class FloeTieringJobITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

    @TempDir Path dir;

    private FloeTestStores floe;

    @BeforeEach
    void open() throws Exception {
        floe = new FloeTestStores(ETCD, S3);
    }

    @AfterEach
    void close() throws Exception {
        floe.close();
    }

    @Test
    void aBoundedTieringJobPutsEveryRecordOfAnExternalModeSinkInParquetExactlyOnce()
            throws Exception {
        int records = 20_000;
        writeNumbers("external", records, 4);

        assertThat(objectKinds("external", 4)).containsOnly(ObjectDescriptor.Kind.SEGMENT);
        assertThat(floe.bucketObjects())
                .as("objects the sink left")
                .extracting(ObjectInfo::key)
                .noneMatch(key -> key.contains("/parquet/"));

        List<TieredObject> emitted = new ArrayList<>();
        try (var tiered =
                job("external")
                        .tiering(MemorySize.parse("4kb"), Duration.ofHours(1))
                        .build()
                        .addTo(environment(2))
                        .executeAndCollect("tiering")) {
            tiered.forEachRemaining(emitted::add);
        }

        for (int p = 0; p < 4; p++) {
            List<ObjectDescriptor> objects = floe.objects("external", p);
            assertThat(objects).allMatch(o -> o.kind() == ObjectDescriptor.Kind.PARQUET);
            assertThat(objects.isEmpty()).isEqualTo(floe.head("external", p).committedEnd() == 0);
            assertThat(floe.manifest().tieringOwner("external", p)).as("claim of %d", p).isEmpty();
        }
        assertThat(emitted)
                .extracting(TieredObject::objectKey)
                .containsExactlyInAnyOrderElementsOf(parquetKeys("external", 4));
        assertThat(emitted.stream().mapToLong(TieredObject::recordCount).sum()).isEqualTo(records);
        assertEveryNumberOnce("external", 4, records, FloeTieringJobITCase::decimal);
        assertVerified("external");
    }

    @Test
    void aPartitionClaimedElsewhereIsTieredOnceTheClaimIsReleased() throws Exception {
        writeNumbers("claimed", 4_000, 2);
        TieringClaim elsewhere =
                floe.manifest()
                        .claimTiering("claimed", 0, "another tiering job", Duration.ofMinutes(1))
                        .orElseThrow();

        JobClient tiering =
                job("claimed")
                        .build()
                        .addTo(environment(2))
                        .getExecutionEnvironment()
                        .executeAsync("tiering");
        Conditions.await(
                "partition 1 is tiered",
                JOB_TIMEOUT,
                () -> kinds("claimed", 1).equals(Set.of(ObjectDescriptor.Kind.PARQUET)));
        assertThat(kinds("claimed", 0)).containsOnly(ObjectDescriptor.Kind.SEGMENT);
        assertThat(tiering.getJobStatus().get().isGloballyTerminalState()).isFalse();

        elsewhere.close();
        tiering.getJobExecutionResult().get(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(objectKinds("claimed", 2)).containsOnly(ObjectDescriptor.Kind.PARQUET);
        assertEveryNumberOnce("claimed", 2, 4_000, FloeTieringJobITCase::decimal);
    }

    @Test
    void aTieringJobKilledMidObjectLosesAndRepeatsNothingAndItsUploadIsCleanedAfterItsGrace()
            throws Exception {
        int records = 120_000;
        writeRandomRecords("killed", records);

        try (StallingS3Proxy proxy =
                        new StallingS3Proxy(S3.endpoint(), "/killed/\\d{5}/parquet/[^ ]*");
                TieringJobProcess first =
                        TieringJobProcess.start(
                                killableJobOptions(proxy), dir.resolve("killed-job.log"))) {
            assertThat(proxy.awaitStall(JOB_TIMEOUT))
                    .as("a Parquet upload started (log %s)", dir.resolve("killed-job.log"))
                    .isTrue();
            Conditions.await("the upload is pending", () -> !parquetUploads("killed").isEmpty());
            first.kill();
        }
        assertThat(objectKinds("killed", 2)).containsOnly(ObjectDescriptor.Kind.SEGMENT);

        // The restarted job waits for the killed job's claim to expire.
        job("killed")
                .set(FloeTieringOptions.LEASE_TTL, Duration.ofSeconds(2))
                .build()
                .execute(environment(2));

        assertThat(objectKinds("killed", 2)).containsOnly(ObjectDescriptor.Kind.PARQUET);
        assertEveryNumberOnce("killed", 2, records, v -> ByteBuffer.wrap(v).getLong());
        assertVerified("killed");
        try (FloeAdmin admin = FloeAdmin.over(floe.stores(), floe.manifest())) {
            CleanReport young = admin.clean("killed", Duration.ofHours(1), CleanMode.DELETE);
            assertThat(young.abandonedUploads()).isEmpty();
            assertThat(parquetUploads("killed")).hasSize(1);

            CleanReport old = admin.clean("killed", Duration.ofSeconds(1), CleanMode.DELETE);
            assertThat(old.abandonedUploads()).hasSize(1);
            assertThat(old.orphans()).isEmpty();
        }
        assertThat(parquetUploads("killed")).isEmpty();
        assertThat(floe.bucketObjects())
                .extracting(ObjectInfo::key)
                .filteredOn(key -> key.contains("/parquet/"))
                .containsExactlyInAnyOrderElementsOf(parquetKeys("killed", 2));
    }

    /**
     * Options of a tiering job that reaches S3 through {@code proxy} and whose claims expire fast.
     */
    private Configuration killableJobOptions(StallingS3Proxy proxy) {
        Configuration options = floe.options(proxy.endpoint());
        options.set(FloeTieringOptions.STREAMS, List.of("killed"));
        options.set(FloeTieringOptions.BOUNDED, true);
        options.set(FloeTieringOptions.INTERVAL, Duration.ofMillis(200));
        options.set(FloeTieringOptions.LEASE_TTL, Duration.ofSeconds(2));
        options.setString("floe.s3.part-size", "5mb");
        return options;
    }

    private FloeTieringJobBuilder job(String stream) {
        return floe.connect(FloeTieringJob.builder())
                .streams(stream)
                .bounded(true)
                .interval(Duration.ofMillis(200));
    }

    private void writeNumbers(String stream, int records, int partitions) throws Exception {
        StreamExecutionEnvironment env = environment(2);
        env.enableCheckpointing(100);
        env.fromSequence(0, records - 1)
                .map(String::valueOf)
                // Both sink subtasks get records even if one source subtask reads every split.
                .rebalance()
                .sinkTo(
                        floe.connect(FloeSink.<String>builder()).stream(stream)
                                .partitions(partitions)
                                .serializer(FloeRecordSerializers.strings())
                                .walDirectory(dir.resolve("wal").toString())
                                .tierMode(TierMode.EXTERNAL)
                                // What inline tiering would do at once: external mode does not.
                                .tiering(MemorySize.parse("16kb"), Duration.ZERO)
                                .build());
        env.execute("sink " + stream);
    }

    /**
     * Records of 8 bytes of their number and 120 random bytes, so that Parquet cannot compress them
     * and each partition's Parquet object needs a multipart upload.
     */
    private void writeRandomRecords(String stream, int records) throws Exception {
        StreamExecutionEnvironment env = environment(2);
        env.enableCheckpointing(1000);
        env.fromSequence(0, records - 1)
                .map(
                        n -> {
                            ByteBuffer value = ByteBuffer.allocate(128).putLong(n);
                            new Random(n).nextBytes(value.array());
                            return value.putLong(0, n).array();
                        })
                .sinkTo(
                        floe.connect(FloeSink.<byte[]>builder()).stream(stream)
                                .partitions(2)
                                .serializer(FloeRecordSerializers.bytes())
                                .walDirectory(dir.resolve("wal").toString())
                                .tierMode(TierMode.EXTERNAL)
                                .build());
        env.execute("sink " + stream);
    }

    private static StreamExecutionEnvironment environment(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    private Set<ObjectDescriptor.Kind> kinds(String stream, int partition) {
        return floe.objects(stream, partition).stream()
                .map(ObjectDescriptor::kind)
                .collect(Collectors.toSet());
    }

    private Set<ObjectDescriptor.Kind> objectKinds(String stream, int partitions) {
        Set<ObjectDescriptor.Kind> kinds = new HashSet<>();
        IntStream.range(0, partitions).forEach(p -> kinds.addAll(kinds(stream, p)));
        return kinds;
    }

    private List<String> parquetKeys(String stream, int partitions) {
        return IntStream.range(0, partitions)
                .mapToObj(p -> floe.objects(stream, p))
                .flatMap(List::stream)
                .filter(o -> o.kind() == ObjectDescriptor.Kind.PARQUET)
                .map(ObjectDescriptor::key)
                .toList();
    }

    private List<?> parquetUploads(String stream) {
        try {
            List<Object> uploads = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                uploads.addAll(
                        floe.stores()
                                .parquet()
                                .pendingUploads(
                                        BucketLayout.prefix(
                                                stream, p, ObjectDescriptor.Kind.PARQUET)));
            }
            return uploads;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every number below {@code records} is committed exactly once, read back from Parquet. */
    private void assertEveryNumberOnce(
            String stream, int partitions, int records, ToLongFunction<byte[]> number)
            throws IOException {
        Set<Long> seen = new HashSet<>();
        List<Long> duplicates = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            assertThat(kinds(stream, p)).isSubsetOf(ObjectDescriptor.Kind.PARQUET);
            for (LoggedRecord r : floe.committed(stream, p)) {
                long n = number.applyAsLong(r.value());
                if (!seen.add(n)) {
                    duplicates.add(n);
                }
            }
        }
        assertThat(duplicates).as("duplicates").isEmpty();
        assertThat(seen).hasSize(records);
        assertThat(seen).allMatch(n -> n >= 0 && n < records);
    }

    private static long decimal(byte[] value) {
        return Long.parseLong(new String(value, StandardCharsets.UTF_8));
    }

    private void assertVerified(String stream) {
        try (FloeAdmin admin = FloeAdmin.over(floe.stores(), floe.manifest())) {
            VerifyReport report = admin.verify(List.of(stream), VerifyLevel.FULL);
            assertThat(report.isOk()).as("%s", report).isTrue();
            // The tiering job committed every object it swapped to the stream's Iceberg table.
            assertThat(admin.icebergTable(stream).orElseThrow().dataFiles())
                    .isEqualTo(admin.committedParquet(stream).objects().size());
        }
    }
}
