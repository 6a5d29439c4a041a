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
package dev.floe.examples.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.floe.cli.FloeCli;
import dev.floe.flink.connection.ConnectionArguments;
import dev.floe.flink.connection.ConnectionResolver;
import dev.floe.flink.connection.FloeAdmins;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.testing.LocalStack;
import dev.floe.wal.admin.ConsumerLag;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.PartitionInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The soak test behind {@code scripts/soak.sh MINUTES}: on the local stack (3 etcd members, the S3
 * server, 2 TaskManagers) an ingest job writes generated orders and a catch-up job copies the
 * stream into another, both exactly-once, while a third job follows the live tail uncommitted;
 * {@link FaultInjector} injects random faults for the minutes given. Then it stops the ingest job,
 * lets the catch-up job drain, and checks every record, {@code floe verify} and the WAL backlog.
 * Prints a summary and, as its last line, a JSON object. Not thread-safe.
 */
@Command(
        name = "soak",
        mixinStandardHelpOptions = true,
        description = "Runs the ingest and catch-up jobs on the local stack under random faults.")
public final class Soak implements Callable<Integer> {

    private static final String INPUT = "soak-orders";
    private static final String COPY = "soak-copy";
    private static final String COPIER = "soak-catch-up";
    private static final String TAIL = "soak-tail";
    private static final int INGEST_PARALLELISM = 2;
    private static final int INPUT_PARTITIONS = 4;
    private static final int TASKMANAGERS = 2;
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration DRAIN = Duration.ofMinutes(10);
    private static final Duration STOP = Duration.ofMinutes(10);

    /** More than the WAL frame of one order (about 100 bytes of Avro and the frame's header). */
    private static final long ORDER_FRAME_BYTES = 1024;

    /**
     * Restarts within seconds however many faults came before; a killed TaskManager noticed within
     * 20 s; each job's tasks spread over both TaskManagers.
     */
    private static final String FLINK_CONFIG =
            String.join(
                    "\n",
                    "restart-strategy.type: exponential-delay",
                    "restart-strategy.exponential-delay.max-backoff: 10 s",
                    "heartbeat.interval: 3 s",
                    "heartbeat.timeout: 20 s",
                    "taskmanager.load-balance.mode: SLOTS");

    @Parameters(index = "0", paramLabel = "MINUTES", description = "Minutes of faults.")
    double minutes;

    @Option(
            names = "--seed",
            defaultValue = "${env:FLOE_SOAK_SEED}",
            description = "Seed of the faults (env FLOE_SOAK_SEED; default: the clock's).")
    Long seed;

    @Option(
            names = "--rate",
            defaultValue = "200",
            description = "Orders per second the ingest job generates (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--backlog-limit",
            defaultValue = "16mb",
            description =
                    "floe.sink.wal.backlog-limit of both jobs' sinks; above what a partition"
                            + " receives in a checkpoint interval, the catch-up job's bursts"
                            + " included, since the backlog is released only at checkpoints"
                            + " (default: ${DEFAULT-VALUE}).")
    String backlogLimit;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "2s",
            description = "Checkpoint interval of the jobs (default: ${DEFAULT-VALUE}).")
    String checkpointInterval;

    @Option(
            names = "--jobs-jar",
            required = true,
            description = "The job jar, examples/target/floe-examples-*-jobs.jar.")
    Path jobsJar;

    @Option(
            names = "--repository",
            defaultValue = ".",
            description =
                    "The repository, for scripts/local-stack.sh (default: the current directory).")
    Path repository;

    @Option(
            names = "--state-dir",
            description =
                    "The stack's directory: state, logs, data (default: target/soak/<time> in the"
                            + " repository).")
    Path stateDir;

    @Option(
            names = "--keep-stack",
            description = "Leave the stack running at the end (stop it with local-stack.sh down).")
    boolean keepStack;

    private final SoakLog log = new SoakLog(System.out);
    private final ObjectNode summary = new ObjectMapper().createObjectNode();

    public static void main(String[] args) {
        System.exit(new CommandLine(new Soak()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!(minutes > 0)) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "MINUTES must be positive, got " + minutes);
        }
        long runSeed = seed != null ? seed : System.currentTimeMillis();
        Path repo = repository.toAbsolutePath().normalize();
        Path state =
                stateDir != null
                        ? stateDir.toAbsolutePath()
                        : repo.resolve(
                                "target/soak/"
                                        + LocalDateTime.now()
                                                .format(
                                                        DateTimeFormatter.ofPattern(
                                                                "yyyyMMdd-HHmmss")));
        summary.put("minutes", minutes);
        summary.put("seed", runSeed);
        log.line("seed %d (--seed or FLOE_SOAK_SEED repeats this run's faults)", runSeed);
        log.line("starting the local stack in %s", state);
        boolean clean;
        LocalStack stack =
                LocalStack.started(
                        repo,
                        state,
                        Map.of(
                                "FLOE_JOBS_JAR",
                                jobsJar.toAbsolutePath().toString(),
                                "FLOE_STACK_ETCD_MEMBERS",
                                "3",
                                "FLOE_STACK_TASKMANAGERS",
                                Integer.toString(TASKMANAGERS),
                                "FLOE_STACK_FLINK_CONFIG",
                                FLINK_CONFIG));
        try {
            clean = soak(stack, state, runSeed);
        } catch (Exception e) {
            summary.put("error", e.toString());
            log.line("failed: %s", e);
            e.printStackTrace(System.err);
            clean = false;
        } finally {
            if (keepStack) {
                log.line(
                        "the stack is left running: FLOE_STACK_DIR=%s scripts/local-stack.sh down",
                        state);
            } else {
                stack.close();
            }
        }
        System.out.println(summary);
        return clean ? 0 : 1;
    }

    private boolean soak(LocalStack stack, Path state, long runSeed) throws Exception {
        Configuration floe =
                ConnectionResolver.of(Map.of())
                        .resolve(
                                ConnectionArguments.extractFrom(
                                        "--env-file", stack.endpointsFile().toString()))
                        .config();
        List<String> etcd = floe.get(FloeConnectionOptions.ETCD_ENDPOINTS);
        String limit = "floe.sink.wal.backlog-limit=" + backlogLimit;
        try (FloeAdmin admin = FloeAdmins.open(floe)) {
            SoakJobs jobs = startJobs(stack, admin, limit);
            FaultInjector faults =
                    new FaultInjector(
                            stack,
                            admin,
                            etcd,
                            TASKMANAGERS,
                            List.of(INPUT, COPY),
                            INPUT,
                            runSeed,
                            log);
            long faultsStarted = System.nanoTime();
            try (BacklogSampler backlog =
                            BacklogSampler.started(stack, List.of(jobs.ingest(), jobs.copier()));
                    AutoCloseable progress = progressReporter(admin, faults, backlog)) {
                faults.runUntil(faultsStarted + (long) (minutes * 60e9));
                log.line("faults over; healing the stack");
                faults.heal();
                summary.put(
                        "minutes", Math.round((System.nanoTime() - faultsStarted) / 6e9) / 10.0);
                recordFaults(faults);
                try {
                    stopJobs(stack, admin, jobs, state.resolve("savepoints"));
                } finally {
                    recordBacklog(backlog);
                }
                log.line("catch-up job drained and stopped; checking every record");
            } finally {
                faults.close();
            }
            return check(stack, admin);
        }
    }

    /** The jobs of the run: ingest, catch-up (copying) and tail reader, by job id. */
    private record SoakJobs(String ingest, String copier, String tail) {}

    /** Submits the three jobs and waits until each runs and the input has a first commit. */
    private SoakJobs startJobs(LocalStack stack, FloeAdmin admin, String limit) throws Exception {
        String ingest =
                stack.submit(
                        "IngestJob",
                        "--stream",
                        INPUT,
                        "--rate",
                        Double.toString(rate),
                        "--parallelism",
                        Integer.toString(INGEST_PARALLELISM),
                        "--partitions",
                        Integer.toString(INPUT_PARTITIONS),
                        "--checkpoint-interval",
                        checkpointInterval,
                        "--tier-max-segment-age",
                        "30s",
                        "-D",
                        limit);
        await("ingest job running", () -> stack.jobState(ingest), "RUNNING"::equals, START);
        await("first commit", () -> committed(admin), c -> c > 0, START);
        String copier =
                stack.submit(
                        "CatchUpJob",
                        "--stream",
                        INPUT,
                        "--copy-to",
                        COPY,
                        "--consumer-id",
                        COPIER,
                        "--parallelism",
                        "1",
                        "--checkpoint-interval",
                        checkpointInterval,
                        "--window",
                        "10s",
                        "--lag-interval",
                        "60s",
                        "-D",
                        limit);
        String tail =
                stack.submit(
                        "CatchUpJob",
                        "--stream",
                        INPUT,
                        "--start",
                        "LATEST",
                        "--consumer-id",
                        TAIL,
                        "--parallelism",
                        "1",
                        "--checkpoint-interval",
                        "10s",
                        "--window",
                        "10s",
                        "--lag-interval",
                        "60s",
                        "-D",
                        "floe.source.isolation=READ_UNCOMMITTED",
                        "-D",
                        "floe.source.tail.local-files=false");
        await("catch-up job running", () -> stack.jobState(copier), "RUNNING"::equals, START);
        await("tail job running", () -> stack.jobState(tail), "RUNNING"::equals, START);
        log.line(
                "running: ingest %s (%s orders/s), catch-up %s (copy into %s), tail reader %s",
                ingest, rate, copier, COPY, tail);
        return new SoakJobs(ingest, copier, tail);
    }

    /**
     * Stops the ingest job with a savepoint, waits until the catch-up job has read every committed
     * order, stops it the same way and cancels the tail reader.
     */
    private void stopJobs(LocalStack stack, FloeAdmin admin, SoakJobs jobs, Path savepoints)
            throws Exception {
        stopWithSavepoint(stack, jobs.ingest(), savepoints);
        long committed = committed(admin);
        log.line(
                "ingest job stopped: %d orders committed; waiting for the catch-up job", committed);
        await("catch-up job drained", () -> lag(admin), l -> l == 0, DRAIN);
        stopWithSavepoint(stack, jobs.copier(), savepoints);
        stack.cancel(jobs.tail());
    }

    /** Checks every record of both streams and runs floe verify; true when all is clean. */
    private boolean check(LocalStack stack, FloeAdmin admin) throws Exception {
        SoakCheck check =
                SoakCheck.of(
                        StreamContents.read(admin, INPUT),
                        StreamContents.read(admin, COPY),
                        new GeneratorSplits().ranges(INGEST_PARALLELISM));
        boolean verified = verify(stack);
        summary.put("records_checked", check.recordsChecked());
        summary.put("lost", check.lost());
        summary.put("duplicated", check.duplicated());
        summary.put("mismatched", check.mismatched());
        summary.put("verify_ok", verified);
        for (String problem : check.problems()) {
            log.line("PROBLEM: %s", problem);
        }
        boolean backlogOk = summary.get("backlog_within_limit").asBoolean();
        log.line(
                "checked %d records: %d lost, %d duplicated, %d mismatched; floe verify %s;"
                        + " largest WAL backlog of a writer %d bytes (limit %s a partition)",
                check.recordsChecked(),
                check.lost(),
                check.duplicated(),
                check.mismatched(),
                verified ? "clean" : "FAILED",
                summary.get("max_backlog_bytes").asLong(),
                backlogLimit);
        return check.problems().isEmpty() && verified && backlogOk;
    }

    private void recordFaults(FaultInjector faults) {
        ObjectNode byKind = summary.putObject("faults");
        int total = 0;
        for (Map.Entry<FaultKind, Integer> e : faults.counts().entrySet()) {
            byKind.put(e.getKey().key(), e.getValue());
            total += e.getValue();
        }
        log.line(
                "%d faults injected %s; %d tail drops found no connection, %d faults failed to inject",
                total, byKind, faults.tailDropsWithoutConnection(), faults.failures());
        summary.put("faults_total", total);
    }

    private void recordBacklog(BacklogSampler backlog) {
        // A writer of the input holds INPUT_PARTITIONS / INGEST_PARALLELISM partitions, each with
        // its own limit, which the append admitted just below it may cross by one order's frame;
        // the catch-up job's one writer holds one.
        long bound =
                (MemorySize.parse(backlogLimit).getBytes() + ORDER_FRAME_BYTES)
                        * (INPUT_PARTITIONS / INGEST_PARALLELISM);
        summary.put("max_backlog_bytes", backlog.maxBytes());
        summary.put("backlog_samples", backlog.samples());
        summary.put("backlog_within_limit", backlog.samples() > 0 && backlog.maxBytes() <= bound);
    }

    /**
     * Stops {@code job} with a savepoint once a checkpoint completes after this call (every task is
     * then on a live TaskManager); retries a failed stop for up to {@link #STOP} in all.
     */
    private void stopWithSavepoint(LocalStack stack, String job, Path savepoints) throws Exception {
        long deadline = System.nanoTime() + STOP.toNanos();
        while (true) {
            long before =
                    await(
                            "job " + job + " known",
                            () -> stack.completedCheckpoints(job),
                            c -> true,
                            START);
            await(
                    "a checkpoint of job " + job,
                    () -> stack.completedCheckpoints(job),
                    c -> c > before,
                    START);
            try {
                stack.stopWithSavepoint(job, savepoints, START);
                await(
                        "job " + job + " finished",
                        () -> stack.jobState(job),
                        "FINISHED"::equals,
                        START);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                log.line(
                        "stopping %s failed, trying again: %s",
                        job, e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    private boolean verify(LocalStack stack) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code =
                FloeCli.run(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        "verify",
                        INPUT,
                        COPY,
                        "--env-file",
                        stack.endpointsFile().toString());
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            log.line("floe verify: %s", line);
        }
        return code == 0;
    }

    /** Prints the committed orders, the catch-up job's lag and the faults every 30 s. */
    private AutoCloseable progressReporter(
            FloeAdmin admin, FaultInjector faults, BacklogSampler backlog) {
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "soak-progress");
                            t.setDaemon(true);
                            return t;
                        });
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        log.line(
                                "progress: %d orders committed, catch-up lag %d, faults %d,"
                                        + " largest backlog %d bytes",
                                committed(admin),
                                lag(admin),
                                faults.counts().values().stream().mapToInt(Integer::intValue).sum(),
                                backlog.maxBytes());
                    } catch (RuntimeException e) {
                        log.line("progress: manifest not readable now (%s)", e.getMessage());
                    }
                },
                30,
                30,
                TimeUnit.SECONDS);
        return timer::shutdownNow;
    }

    private static long committed(FloeAdmin admin) {
        return admin.findStream(INPUT).isEmpty()
                ? 0
                : admin.partitions(INPUT).stream().mapToLong(PartitionInfo::committedEnd).sum();
    }

    /** The input's committed records the catch-up job has not yet stored as read. */
    private static long lag(FloeAdmin admin) {
        return committed(admin)
                - admin.consumerLag(INPUT, COPIER).stream()
                        .map(ConsumerLag::position)
                        .mapToLong(p -> p.orElse(0))
                        .sum();
    }

    /**
     * Polls {@code value} until {@code done} holds; a failing poll counts as not yet. Fails after
     * {@code timeout} with the last value or failure.
     */
    private static <T> T await(String what, Callable<T> value, Predicate<T> done, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                T v = value.call();
                if (done.test(v)) {
                    return v;
                }
                last = v;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(
                what + ": not reached within " + timeout + "; last: " + last);
    }
}
