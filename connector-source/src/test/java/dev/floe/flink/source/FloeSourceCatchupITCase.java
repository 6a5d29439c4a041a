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
package dev.floe.flink.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.floe.flink.sink.FloeRecordSerializers;
import dev.floe.flink.sink.FloeSink;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.flink.sink.TierMode;
import dev.floe.flink.sink.testing.FloeTestStores;
import dev.floe.flink.tiering.FloeTieringJob;
import dev.floe.flink.tiering.FloeTieringOptions;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import dev.floe.wal.tier.BucketLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader job that starts from earliest while a sink job writes and tiering compacts and deletes
 * the objects it replaces: across failovers of the reader, every record of every partition is read
 * exactly once and in offset order, and the reader follows the live tail after its restarts. Each
 * sink subtask owns several partitions, so the history the reader starts on is in batch objects
 * whose sections belong to different partitions (each read with a ranged read), which tiering
 * deletes once it has replaced every section. The reader copies what it reads, as {@code
 * offset:value}, into a second stream with an exactly-once FloeSink, which the test checks
 * afterwards. The random seed is logged and taken from {@code -Dfloe.test.seed}.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FloeSourceCatchupITCase {

    private static final Logger LOG = LoggerFactory.getLogger(FloeSourceCatchupITCase.class);

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(8)
                            .build());

    private static final String NUMBERS = "numbers";
    private static final String COPY = "copy";
    private static final int PARTITIONS = 8;
    private static final int COPY_PARTITIONS = 2;
    private static final int RECORDS = 60_000;
    private static final int HISTORY = 12_000;
    private static final Duration PHASE_DEADLINE = Duration.ofSeconds(90);

    @TempDir Path tmp;

    private FloeTestStores floe;
    private final List<JobClient> jobs = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        floe = new FloeTestStores(ETCD, S3);
        floe.manifest().createStream(StreamConfig.of(NUMBERS, PARTITIONS));
        floe.manifest().createStream(StreamConfig.of(COPY, COPY_PARTITIONS));
    }

    @AfterEach
    void close() throws Exception {
        for (JobClient job : jobs) {
            if (!job.getJobExecutionResult().isDone()) {
                try {
                    job.cancel().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    LOG.warn("Could not cancel job {}: {}", job.getJobID(), e.toString());
                }
            }
        }
        floe.close();
    }

    /**
     * Who tiers the stream: each writer with a thread per partition, each writer on a tiering pool
     * (which writes shared Parquet objects holding several partitions), or a tiering job.
     */
    enum Tiering {
        STREAMING(TierMode.INLINE, 8),
        POOLED(TierMode.INLINE, 0),
        JOB(TierMode.EXTERNAL, 8);

        final TierMode mode;
        final int streamingPartitions;

        Tiering(TierMode mode, int streamingPartitions) {
            this.mode = mode;
            this.streamingPartitions = streamingPartitions;
        }
    }

    @ParameterizedTest(name = "tiering {0}")
    @EnumSource(Tiering.class)
    void aReaderFromEarliestReadsEveryRecordOnceInOrderAcrossFailoversAndFollowsTheTail(
            Tiering tiering) throws Exception {
        String fixed = System.getProperty("floe.test.seed");
        long seed = fixed != null ? Long.parseLong(fixed) : System.nanoTime();
        Random random = new Random(seed);
        long writerCheckpoints = 100 + random.nextInt(101);
        long readerCheckpoints = 150 + random.nextInt(101);
        FailurePlan failures = FailurePlan.random(random);
        LOG.info(
                "Catch-up run with seed {} (-Dfloe.test.seed={}): writer checkpoints every {} ms,"
                        + " reader checkpoints every {} ms, {}",
                seed,
                seed,
                writerCheckpoints,
                readerCheckpoints,
                failures);
        long started = System.nanoTime();

        JobClient writer = startWriter(writerCheckpoints, tiering);
        Map<String, Set<Integer>> objectsBeforeReader =
                awaitHistory(
                        writer,
                        "history of "
                                + HISTORY
                                + " records with a Parquet object and a batch object shared by"
                                + " several partitions");
        Set<String> keysBeforeReader = objectsBeforeReader.keySet();
        Map<String, Set<Integer>> sharedBatchObjects = sharedBatchObjects(objectsBeforeReader);
        long history = committed(NUMBERS);
        JobClient reader = startReader(readerCheckpoints, failures);

        Set<String> keysWhileReading = new TreeSet<>(keysBeforeReader);
        long[] committedAtFailure = new long[failures.points.length];
        int failuresSeen = 0;
        long deadline = System.nanoTime() + PHASE_DEADLINE.toNanos();
        while (committed(COPY) < RECORDS) {
            int injected = failures.injected();
            for (; failuresSeen < injected; failuresSeen++) {
                committedAtFailure[failuresSeen] = committed(NUMBERS);
            }
            if (reader.getJobExecutionResult().isDone()) {
                reader.getJobExecutionResult().get();
                fail("The reader job ended before copying every record (" + failures + ")");
            }
            if (writer.getJobExecutionResult().isCompletedExceptionally()) {
                writer.getJobExecutionResult().get();
            }
            if (System.nanoTime() > deadline) {
                fail(
                        "After %s the copy holds %d of %d records; %s; written %d",
                        PHASE_DEADLINE, committed(COPY), RECORDS, failures, committed(NUMBERS));
            }
            Map<String, Set<Integer>> listed = partitionsByObject(NUMBERS);
            keysWhileReading.addAll(listed.keySet());
            sharedBatchObjects.putAll(sharedBatchObjects(listed));
            Thread.sleep(50);
        }
        for (; failuresSeen < failures.injected(); failuresSeen++) {
            committedAtFailure[failuresSeen] = committed(NUMBERS);
        }
        JobExecutionResult written = writer.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        reader.cancel().get(30, TimeUnit.SECONDS);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        Map<String, long[]> where = assertTheWriterCommittedEveryNumberOnceInOrder();
        Map<Integer, List<Long>> copied = assertTheCopyMatchesTheSource(where);
        for (int p = 0; p < PARTITIONS; p++) {
            long end = floe.head(NUMBERS, p).committedEnd();
            assertThat(firstDeviationFromRange(copied.get(p), end))
                    .as(
                            "partition %d read from offset 0 to %d, once and in order (seed %d)",
                            p, end, seed)
                    .isNull();
        }

        assertThat(failures.injected()).as(failures.toString()).isEqualTo(failures.points.length);
        assertThat(Arrays.stream(committedAtFailure).boxed())
                .as("records committed when the reader failed (it had to follow the tail after)")
                .allMatch(c -> c < RECORDS);

        Set<String> inBucket = new HashSet<>();
        for (ObjectInfo o : floe.bucketObjects()) {
            inBucket.add(o.key());
        }
        Set<String> deleted = new TreeSet<>(keysWhileReading);
        deleted.removeAll(inBucket);
        assertThat(keysBeforeReader).as("objects when the reader started").isNotEmpty();
        assertThat(sharedBatchObjects(objectsBeforeReader))
                .as("batch objects holding sections of several partitions when the reader started")
                .isNotEmpty();
        if (tiering != Tiering.POOLED) {
            // A pool tiers a range once it is due, so on a fast machine its last swaps may be
            // younger than the grace period when the writer ends, and nothing is deleted yet.
            assertThat(deleted)
                    .as("objects the manifest listed while reading, deleted since")
                    .isNotEmpty();
            assertThat(deleted)
                    .as(
                            "batch objects holding sections of several partitions, deleted after"
                                    + " tiering replaced every section")
                    .containsAnyElementsOf(sharedBatchObjects.keySet());
        } else {
            assertThat(keysWhileReading)
                    .as("Parquet objects shared by several partitions, listed while reading")
                    .anyMatch(BucketLayout::isSharedParquetKey);
        }

        LOG.info(
                "Catch-up run with seed {} took {} s (writer job {} ms): {} written when the"
                        + " reader started; {}; written when the reader failed: {}; {} objects"
                        + " listed while reading ({} batch objects shared by several partitions),"
                        + " {} deleted since",
                seed,
                seconds,
                written.getNetRuntime(),
                history,
                failures,
                Arrays.toString(committedAtFailure),
                keysWhileReading.size(),
                sharedBatchObjects.size(),
                deleted.size());
    }

    /**
     * The numbers 0..RECORDS-1 into the partitions with fast tiering and deletion, throttled more
     * in the second part so that the reader catches up and then follows a live tail.
     */
    private JobClient startWriter(long checkpointMillis, Tiering tiering) throws Exception {
        if (tiering.mode == TierMode.EXTERNAL) {
            startTieringJob();
        }
        StreamExecutionEnvironment env = environment(checkpointMillis, 3);
        env.fromSequence(0, RECORDS - 1)
                .map(new Throttle())
                .returns(Types.STRING)
                .sinkTo(
                        floe.connect(FloeSink.<String>builder()).stream(NUMBERS)
                                .partitions(PARTITIONS)
                                .serializer(FloeRecordSerializers.strings())
                                .walDirectory(tmp.resolve("writer-wal").toString())
                                .tiering(MemorySize.parse("256kb"), Duration.ofSeconds(1))
                                .set(FloeSinkOptions.TIER_INTERVAL, Duration.ofMillis(200))
                                .set(FloeSinkOptions.TIER_SUPERSEDED_GRACE, Duration.ofSeconds(1))
                                .set(
                                        FloeSinkOptions.TIER_STREAMING_PARTITIONS,
                                        tiering.streamingPartitions)
                                .tierMode(tiering.mode)
                                .build());
        return track(env.executeAsync("catch-up writer"));
    }

    /**
     * An unbounded tiering job for the numbers, as fast as the writer's inline tiering would be.
     */
    private void startTieringJob() throws Exception {
        StreamExecutionEnvironment env = environment(1000, 3);
        FloeTieringJob job =
                floe.connect(FloeTieringJob.builder())
                        .streams(NUMBERS)
                        .interval(Duration.ofMillis(200))
                        .tiering(MemorySize.parse("256kb"), Duration.ofSeconds(1))
                        .set(FloeTieringOptions.SUPERSEDED_GRACE, Duration.ofSeconds(1))
                        .build();
        job.addTo(env);
        track(env.executeAsync(job.name()));
    }

    /**
     * An unbounded reader from earliest that fails as planned (and may restart only that often) and
     * copies {@code offset:value} exactly once into the copy stream.
     */
    private JobClient startReader(long checkpointMillis, FailurePlan failures) throws Exception {
        StreamExecutionEnvironment env = environment(checkpointMillis, failures.points.length);
        env.fromSource(
                        floe.connect(FloeSource.<String>builder()).stream(NUMBERS)
                                .deserializer(new OffsetAndValue())
                                .startFromEarliest()
                                .set(FloeSourceOptions.POLL_INTERVAL, Duration.ofMillis(100))
                                .build(),
                        WatermarkStrategy.noWatermarks(),
                        "floe numbers")
                .map(failures.mapper())
                .returns(Types.STRING)
                .sinkTo(
                        floe.connect(FloeSink.<String>builder()).stream(COPY)
                                .partitions(COPY_PARTITIONS)
                                .serializer(FloeRecordSerializers.strings())
                                .walDirectory(tmp.resolve("copy-wal").toString())
                                .set(FloeSinkOptions.TIER_ENABLED, false)
                                .build());
        return track(env.executeAsync("catch-up reader"));
    }

    private static StreamExecutionEnvironment environment(long checkpointMillis, int restarts) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restarts);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(50));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(checkpointMillis);
        return env;
    }

    private JobClient track(JobClient job) {
        jobs.add(job);
        return job;
    }

    /**
     * Waits for some history with a Parquet object and a batch object shared by several partitions
     * in it, and returns the objects listed then with the partitions naming each.
     */
    private Map<String, Set<Integer>> awaitHistory(JobClient writer, String what) throws Exception {
        long deadline = System.nanoTime() + PHASE_DEADLINE.toNanos();
        while (true) {
            long committed = committed(NUMBERS);
            Map<String, Set<Integer>> listed = partitionsByObject(NUMBERS);
            boolean tiered =
                    listed.keySet().stream()
                            .anyMatch(k -> BucketLayout.kindOf(k) == ObjectDescriptor.Kind.PARQUET);
            if (committed >= HISTORY && tiered && !sharedBatchObjects(listed).isEmpty()) {
                return listed;
            }
            if (writer.getJobExecutionResult().isDone()) {
                writer.getJobExecutionResult().get();
                fail("The writer ended before the " + what);
            }
            if (System.nanoTime() > deadline) {
                fail("No " + what + " after " + PHASE_DEADLINE);
            }
            Thread.sleep(50);
        }
    }

    private long committed(String stream) {
        long total = 0;
        for (int p = 0; p < floe.partitions(stream); p++) {
            total += floe.head(stream, p).committedEnd();
        }
        return total;
    }

    /** The key of every object the manifest lists for the stream, with the partitions naming it. */
    private Map<String, Set<Integer>> partitionsByObject(String stream) {
        Map<String, Set<Integer>> partitions = new HashMap<>();
        for (int p = 0; p < floe.partitions(stream); p++) {
            for (ObjectDescriptor o : floe.objects(stream, p)) {
                partitions.computeIfAbsent(o.key(), k -> new TreeSet<>()).add(p);
            }
        }
        return partitions;
    }

    /** The batch objects among {@code partitionsByObject} named by more than one partition. */
    private static Map<String, Set<Integer>> sharedBatchObjects(
            Map<String, Set<Integer>> partitionsByObject) {
        Map<String, Set<Integer>> shared = new TreeMap<>();
        partitionsByObject.forEach(
                (key, partitions) -> {
                    if (BucketLayout.isBatchKey(key) && partitions.size() > 1) {
                        shared.put(key, partitions);
                    }
                });
        return shared;
    }

    /**
     * The writer committed every number once, each partition's numbers increasing (each sink
     * subtask writes an increasing subsequence to the partitions it owns); returns where each
     * number is, as {partition, offset}.
     */
    private Map<String, long[]> assertTheWriterCommittedEveryNumberOnceInOrder()
            throws IOException {
        Map<String, long[]> where = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            long last = -1;
            for (LoggedRecord r : floe.committed(NUMBERS, p)) {
                String value = new String(r.value(), StandardCharsets.UTF_8);
                long v = Long.parseLong(value);
                assertThat(v)
                        .as("written partition %d: %d after %d", p, v, last)
                        .isGreaterThan(last);
                last = v;
                long[] before = where.put(value, new long[] {p, r.offset()});
                assertThat(before).as("number %s written twice", value).isNull();
            }
        }
        assertThat(where).as("numbers written").hasSize(RECORDS);
        return where;
    }

    /**
     * Every copied {@code offset:value} names the offset its value has in the source stream, each
     * source partition went to one copy partition (its reader subtask's), and the copy holds as
     * many records as the source. Returns the copied offsets of each source partition in copy
     * order.
     */
    private Map<Integer, List<Long>> assertTheCopyMatchesTheSource(Map<String, long[]> where)
            throws IOException {
        Map<Integer, List<Long>> copied = new TreeMap<>();
        Map<Integer, Set<Integer>> copyPartitions = new TreeMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            copied.put(p, new ArrayList<>());
            copyPartitions.put(p, new TreeSet<>());
        }
        long total = 0;
        for (int c = 0; c < COPY_PARTITIONS; c++) {
            for (String line : floe.committedValues(COPY, c)) {
                int colon = line.indexOf(':');
                long offset = Long.parseLong(line.substring(0, colon));
                String value = line.substring(colon + 1);
                long[] source = where.get(value);
                assertThat(source).as("copied %s is a written number", line).isNotNull();
                assertThat(offset)
                        .as("offset read for number %s of partition %d", value, source[0])
                        .isEqualTo(source[1]);
                copied.get((int) source[0]).add(offset);
                copyPartitions.get((int) source[0]).add(c);
                total++;
            }
        }
        assertThat(copyPartitions)
                .as("copy partitions holding each source partition")
                .allSatisfy((p, cs) -> assertThat(cs).hasSize(1));
        assertThat(total).as("records copied").isEqualTo(RECORDS);
        return copied;
    }

    /** Null if {@code offsets} is 0, 1, ..., end - 1; otherwise where and how it differs. */
    private static String firstDeviationFromRange(List<Long> offsets, long end) {
        for (int i = 0; i < offsets.size(); i++) {
            if (offsets.get(i) != i) {
                return "at position "
                        + i
                        + ": "
                        + offsets.subList(Math.max(0, i - 3), Math.min(offsets.size(), i + 4))
                        + " (expected "
                        + i
                        + ")";
            }
        }
        return offsets.size() == end ? null : "ends at " + offsets.size() + " instead of " + end;
    }

    /**
     * Passes numbers through as strings, sleeping a millisecond every 40 records for the first 40%
     * of a subtask's share and every 10 after. Used by one task thread.
     */
    private static final class Throttle implements MapFunction<Long, String> {

        private long count;

        @Override
        public String map(Long value) throws Exception {
            count++;
            if (count % (count < RECORDS / 5 ? 40 : 10) == 0) {
                Thread.sleep(1);
            }
            return String.valueOf(value);
        }
    }

    /** Emits each record as {@code offset:value}. Stateless. */
    private static final class OffsetAndValue implements FloeDeserializer<String> {

        @Override
        public String deserialize(LoggedRecord record) {
            return record.offset() + ":" + new String(record.value(), StandardCharsets.UTF_8);
        }

        @Override
        public TypeInformation<String> producedType() {
            return Types.STRING;
        }
    }

    /**
     * One or two reader failures after a random number of records (counted over both subtasks,
     * replays included), shared with the MiniCluster's tasks through a static registry.
     * Thread-safe.
     */
    private static final class FailurePlan {

        private static final Map<Integer, FailurePlan> PLANS = new ConcurrentHashMap<>();
        private static final AtomicInteger IDS = new AtomicInteger();

        private final int id = IDS.incrementAndGet();
        private final long[] points;
        private final AtomicLong seen = new AtomicLong();
        private final AtomicInteger injected = new AtomicInteger();

        private FailurePlan(long[] points) {
            this.points = points;
            PLANS.put(id, this);
        }

        /** The first failure during or just after catch-up, a second one while following. */
        static FailurePlan random(Random random) {
            long first = 3_000 + random.nextInt(17_000);
            if (random.nextBoolean()) {
                return new FailurePlan(new long[] {first});
            }
            return new FailurePlan(new long[] {first, first + 4_000 + random.nextInt(8_000)});
        }

        int injected() {
            return injected.get();
        }

        MapFunction<String, String> mapper() {
            int planId = id;
            return value -> {
                PLANS.get(planId).maybeFail();
                return value;
            };
        }

        private void maybeFail() {
            long n = seen.incrementAndGet();
            int i = injected.get();
            if (i < points.length && n >= points[i] && injected.compareAndSet(i, i + 1)) {
                throw new IllegalStateException(
                        "Injected reader failure " + (i + 1) + " of " + points.length);
            }
        }

        @Override
        public String toString() {
            return "reader failures after "
                    + Arrays.toString(points)
                    + " records: "
                    + injected.get()
                    + " injected";
        }
    }
}
