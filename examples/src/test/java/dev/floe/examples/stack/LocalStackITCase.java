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
package dev.floe.examples.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.cli.FloeCli;
import dev.floe.examples.orders.Orders;
import dev.floe.flink.connection.ConnectionArguments;
import dev.floe.flink.connection.ConnectionResolver;
import dev.floe.flink.connection.FloeAdmins;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.testing.LocalStack;
import dev.floe.wal.admin.CommittedObject;
import dev.floe.wal.admin.ConsumerLag;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.PartitionInfo;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.testing.EtcdCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local stack as a user runs it: {@code scripts/local-stack.sh up} starts a 3-member etcd
 * cluster, S3Proxy and a standalone Flink cluster of 2 TaskManagers on free loopback ports; the
 * ingest and catch-up jobs are submitted from the job jar of this build with {@code
 * scripts/local-stack.sh submit}; both run, commits and the consumer position grow, and go on after
 * a TaskManager and then the etcd leader are killed; tiering puts Parquet into the staging bucket;
 * after cancelling, the stream holds every committed order once; {@code down} stops everything,
 * even on failure.
 */
class LocalStackITCase {

    private static final String STREAM = "orders-it";
    private static final String CONSUMER = "it-catch-up";
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    private static LocalStack stack;

    @BeforeAll
    static void up() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Path jobsJar;
        try (Stream<Path> files = Files.list(module.resolve("target"))) {
            jobsJar =
                    files.filter(f -> f.getFileName().toString().endsWith("-jobs.jar"))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "no job jar in target/: run through Maven,"
                                                            + " which builds it in phase"
                                                            + " package"));
        }
        Path state = module.resolve("target/local-stack-it/" + UUID.randomUUID());
        stack =
                LocalStack.started(
                        module.getParent(),
                        state,
                        Map.of(
                                "FLOE_JOBS_JAR",
                                jobsJar.toString(),
                                "FLOE_STACK_ETCD_MEMBERS",
                                "3",
                                "FLOE_STACK_TASKMANAGERS",
                                "2"));
    }

    @AfterAll
    static void down() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void ingestAndCatchUpJobsRunOnTheClusterFromTheJobJar() throws Exception {
        Configuration floe = connectionOf(stack.endpointsFile());
        List<String> jobs = new ArrayList<>();
        try (FloeAdmin admin = FloeAdmins.open(floe)) {
            String ingest =
                    stack.submit(
                            "IngestJob",
                            "--stream",
                            STREAM,
                            "--rate",
                            "400",
                            "--checkpoint-interval",
                            "1s",
                            "--tier-max-segment-age",
                            "3s");
            jobs.add(ingest);
            await("ingest job running", () -> stack.jobState(ingest), "RUNNING"::equals);
            long committed = await("first commit", () -> committed(admin), c -> c > 0);
            await("more commits", () -> committed(admin), c -> c > committed);

            String catchUp =
                    stack.submit(
                            "CatchUpJob",
                            "--stream",
                            STREAM,
                            "--consumer-id",
                            CONSUMER,
                            "--checkpoint-interval",
                            "1s",
                            "--lag-interval",
                            "2s");
            jobs.add(catchUp);
            await("catch-up job running", () -> stack.jobState(catchUp), "RUNNING"::equals);
            long consumed = await("catch-up consumer position", () -> consumed(admin), c -> c > 0);
            await("catch-up reading on", () -> consumed(admin), c -> c > consumed);

            stack.kill("taskmanager-1");
            long beforeTaskManagerLoss = committed(admin);
            long consumedBefore = consumed(admin);
            await(
                    "commits after a TaskManager is lost",
                    () -> committed(admin),
                    c -> c > beforeTaskManagerLoss);
            await(
                    "catch-up after a TaskManager is lost",
                    () -> consumed(admin),
                    c -> c > consumedBefore);

            List<String> etcd = floe.get(FloeConnectionOptions.ETCD_ENDPOINTS);
            assertThat(etcd).hasSize(3);
            int leader = EtcdCluster.leaderIndex(etcd);
            stack.kill(leader == 0 ? "etcd" : "etcd-" + leader);
            long beforeLeaderLoss = committed(admin);
            await(
                    "commits after the etcd leader is killed",
                    () -> committed(admin),
                    c -> c > beforeLeaderLoss);

            ObjectDescriptor parquet =
                    await(
                            "a Parquet object made by tiering",
                            () -> firstParquet(admin),
                            o -> o != null);
            assertThat(admin.findObject(parquet.key())).isPresent();
            assertThat(admin.describe().parquet()).contains("floe-staging");
        } finally {
            for (String job : jobs) {
                stack.cancel(job);
            }
            for (String job : jobs) {
                await("job " + job + " cancelled", () -> stack.jobState(job), "CANCELED"::equals);
            }
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int verified =
                FloeCli.run(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        "verify",
                        STREAM,
                        "--env-file",
                        stack.endpointsFile().toString());
        assertThat(verified).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ok: 1 streams");
        long orders = distinctOrders(floe, STREAM);
        assertThat(orders).isPositive();
    }

    /**
     * Every partition's committed records read back from the buckets with dense offsets (the reader
     * fails on a gap), and every order id appearing once: exactly once. Returns the number of
     * orders.
     */
    private static long distinctOrders(Configuration floe, String stream) throws IOException {
        try (FloeAdmin admin = FloeAdmins.open(floe)) {
            GenericDatumReader<GenericRecord> avro = new GenericDatumReader<>(Orders.SCHEMA);
            Set<Long> ids = new HashSet<>();
            long records = 0;
            for (PartitionInfo partition : admin.partitions(stream)) {
                int p = partition.partition();
                long end = partition.committedEnd();
                List<Long> partitionIds = new ArrayList<>();
                admin.readRecords(
                        stream,
                        p,
                        0,
                        end,
                        r -> {
                            try {
                                partitionIds.add(
                                        Orders.orderId(
                                                avro.read(
                                                        null,
                                                        DecoderFactory.get()
                                                                .binaryDecoder(r.value(), null))));
                            } catch (IOException e) {
                                throw new IllegalStateException(
                                        "order at " + stream + "/" + r.offset(), e);
                            }
                        });
                assertThat(partitionIds).as("records of partition %d", p).hasSize((int) end);
                records += end;
                ids.addAll(partitionIds);
            }
            assertThat(ids).as("distinct order ids").hasSize((int) records);
            return records;
        }
    }

    /** The connection the stack's endpoints file describes, as every tool reads it. */
    private static Configuration connectionOf(Path endpointsFile) {
        return ConnectionResolver.of(Map.of())
                .resolve(ConnectionArguments.extractFrom("--env-file", endpointsFile.toString()))
                .config();
    }

    private static long committed(FloeAdmin admin) {
        return admin.findStream(STREAM).isEmpty()
                ? 0
                : admin.partitions(STREAM).stream().mapToLong(PartitionInfo::committedEnd).sum();
    }

    private static long consumed(FloeAdmin admin) {
        return admin.consumerLag(STREAM, CONSUMER).stream()
                .map(ConsumerLag::position)
                .mapToLong(position -> position.orElse(0))
                .sum();
    }

    private static ObjectDescriptor firstParquet(FloeAdmin admin) {
        return admin.committedParquet(STREAM).objects().stream()
                .flatMap(o -> o.references().stream())
                .map(CommittedObject::descriptor)
                .findFirst()
                .orElse(null);
    }

    /** Polls {@code value} until {@code done} holds; fails after {@link #DEADLINE}. */
    private static <T> T await(String what, Callable<T> value, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = value.call();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + ": not reached within " + DEADLINE + "; last: " + last);
    }
}
