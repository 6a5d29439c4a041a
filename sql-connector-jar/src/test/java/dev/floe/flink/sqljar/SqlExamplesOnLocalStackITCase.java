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
package dev.floe.flink.sqljar;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.connection.ConnectionArguments;
import dev.floe.flink.connection.ConnectionResolver;
import dev.floe.flink.connection.FloeAdmins;
import dev.floe.flink.testing.LocalStack;
import dev.floe.flink.testing.LocalStack.ScriptRun;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.PartitionInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQL examples (examples/sql/) on the local stack, with the SQL connector jar of this build as
 * the only Floe jar: {@code scripts/local-stack.sh sql -f} runs each through Flink's SQL client on
 * the session cluster, whose classpath is Flink's alone.
 */
class SqlExamplesOnLocalStackITCase {

    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final Pattern JOB_ID = Pattern.compile("Job ID: ([0-9a-f]{32})");
    private static final String ORDERS = "sql-orders";

    private static Path repository;
    private static Path state;
    private static LocalStack stack;

    @BeforeAll
    static void up() throws Exception {
        String jar = System.getProperty("floe.sql-connector-jar");
        assertThat(jar)
                .as("system property floe.sql-connector-jar: run through Maven (phase verify)")
                .isNotBlank();
        Path module = Path.of("").toAbsolutePath();
        repository = module.getParent();
        state = module.resolve("target/local-stack-it/" + UUID.randomUUID());
        stack = LocalStack.started(repository, state, Map.of("FLOE_SQL_JAR", jar));
    }

    @AfterAll
    static void down() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void catalogExampleWritesAHundredThousandRowsAndReadsEachBackOnce() throws Exception {
        ScriptRun run = stack.run("sql", "-f", example("catalog.sql").toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .as("row count, distinct ids, smallest and largest id")
                .containsPattern(
                        "\\|\\s*100000\\s*\\|\\s*100000\\s*\\|\\s*1\\s*\\|\\s*100000\\s*\\|");
        String clusterClasspath =
                Files.readString(repository.resolve("target/flink.classpath"), UTF_8);
        assertThat(clusterClasspath).as("the cluster's classpath").doesNotContain("/dev/floe/");
    }

    @Test
    void datagenPerMinuteAndTimeTravelExamplesRunOnTheStream() throws Exception {
        List<String> jobs = new ArrayList<>();
        try (FloeAdmin admin = FloeAdmins.open(connection())) {
            jobs.add(submitted(stack.run("sql", "-f", example("datagen-orders.sql").toString())));
            long committed = await("orders committed", () -> committed(admin), c -> c > 0);
            await("more orders committed", () -> committed(admin), c -> c > committed);
            jobs.add(
                    submitted(stack.run("sql", "-f", example("orders-per-minute.sql").toString())));
            await("per-minute job running", () -> stack.jobState(jobs.get(1)), "RUNNING"::equals);

            ScriptRun all = stack.run("sql", "-f", timeTravel(0).toString());
            assertThat(all.exitCode()).as(all.output()).isZero();
            assertThat(all.output()).containsPattern("\\|\\s*EUR\\s*\\|\\s*[1-9][0-9]*\\s*\\|");

            long future = System.currentTimeMillis() + Duration.ofHours(1).toMillis();
            ScriptRun none = stack.run("sql", "-f", timeTravel(future).toString());
            assertThat(none.exitCode()).as(none.output()).isZero();
            assertThat(none.output()).contains("Empty set");
        } finally {
            for (String job : jobs) {
                stack.cancel(job);
            }
        }
    }

    private static Path example(String name) {
        return repository.resolve("examples/sql").resolve(name);
    }

    /** The time-travel example reading from {@code sinceMillis}, which the user sets in a shell. */
    private static Path timeTravel(long sinceMillis) throws IOException {
        String text = Files.readString(example("time-travel.sql"), UTF_8);
        Path copy = state.resolve("time-travel-" + sinceMillis + ".sql");
        return Files.writeString(
                copy, text.replace("${SINCE_MILLIS}", Long.toString(sinceMillis)), UTF_8);
    }

    private static String submitted(ScriptRun run) {
        assertThat(run.exitCode()).as(run.output()).isZero();
        Matcher id = JOB_ID.matcher(run.output());
        assertThat(id.find()).as("a job id in:%n%s", run.output()).isTrue();
        return id.group(1);
    }

    private static Configuration connection() {
        return ConnectionResolver.of(Map.of())
                .resolve(
                        ConnectionArguments.extractFrom(
                                "--env-file", stack.endpointsFile().toString()))
                .config();
    }

    private static long committed(FloeAdmin admin) {
        return admin.findStream(ORDERS).isEmpty()
                ? 0
                : admin.partitions(ORDERS).stream().mapToLong(PartitionInfo::committedEnd).sum();
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
