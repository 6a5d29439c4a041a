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

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.testing.LocalStack;
import dev.floe.flink.testing.LocalStack.ScriptRun;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQL connector jar of this build on the local stack: {@code scripts/local-stack.sh up} on free
 * loopback ports, scripts run with {@code sql -f} through Flink's SQL client on the session
 * cluster, and a Floe job in a JVM that has nothing but Flink's jars and the SQL connector jar.
 */
class SqlConnectorJarOnLocalStackITCase {

    private static final long SMOKE_TIMEOUT_MINUTES = 4;

    private static Path repository;
    private static Path state;
    private static Path jar;
    private static LocalStack stack;

    @BeforeAll
    static void up() throws Exception {
        String built = System.getProperty("floe.sql-connector-jar");
        assertThat(built)
                .as("system property floe.sql-connector-jar: run through Maven (phase verify)")
                .isNotBlank();
        jar = Path.of(built);
        Path module = Path.of("").toAbsolutePath();
        repository = module.getParent();
        state = module.resolve("target/local-stack-it/" + UUID.randomUUID());
        stack = LocalStack.started(repository, state, Map.of("FLOE_SQL_JAR", jar.toString()));
    }

    @AfterAll
    static void down() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void scriptRunsOnTheClusterWithTheStacksEndpointsFilledIn() throws Exception {
        Path script =
                script(
                        "answer.sql",
                        "-- ${FLOE_S3_BUCKET} is the stack's raw bucket\n"
                                + "SELECT 40 + 2 AS answer, '${FLOE_S3_BUCKET}' AS bucket;\n");

        ScriptRun run = stack.run("sql", "-f", script.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .containsPattern("\\|\\s*\\+I\\s*\\|\\s*42\\s*\\|\\s*floe-raw\\s*\\|");
    }

    @Test
    void aFailingStatementEndsTheScriptWithANonZeroExit() throws Exception {
        Path script =
                script(
                        "fails.sql",
                        "SELECT 'before' AS step;\n"
                                + "SELECT * FROM no_such_table;\n"
                                + "SELECT 'after' AS step;\n");

        ScriptRun run = stack.run("sql", "-f", script.toString());

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output())
                .containsPattern("\\|\\s*before\\s*\\|")
                .contains("no_such_table")
                .contains("a statement failed")
                .doesNotContainPattern("\\|\\s*after\\s*\\|");
    }

    @Test
    void aPlaceholderWithoutAValueIsNamedAndNothingRuns() throws Exception {
        Path script = script("unset.sql", "SELECT '${FLOE_NO_SUCH_SETTING}';\n");

        ScriptRun run = stack.run("sql", "-f", script.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("${FLOE_NO_SUCH_SETTING}").doesNotContain("Flink SQL>");
    }

    @Test
    void floeRunsWithNothingButFlinkBesideTheSqlConnectorJar() throws Exception {
        String classpath =
                String.join(
                        File.pathSeparator,
                        flinkClasspath(),
                        jar.toString(),
                        Path.of(
                                        ShadedJarSmokeJob.class
                                                .getProtectionDomain()
                                                .getCodeSource()
                                                .getLocation()
                                                .toURI())
                                .toString());
        assertThat(classpath).doesNotContain("/dev/floe/floe-");
        Path log = state.resolve("smoke-job.log");
        Process job =
                new ProcessBuilder(
                                List.of(
                                        javaBinary(),
                                        "-Xmx768m",
                                        "--add-opens=java.base/java.util=ALL-UNNAMED",
                                        "--add-opens=java.base/java.lang=ALL-UNNAMED",
                                        "-cp",
                                        classpath,
                                        ShadedJarSmokeJob.class.getName(),
                                        stack.endpointsFile().toString(),
                                        "sql-jar-smoke",
                                        "20000",
                                        state.resolve("smoke-wal").toString()))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        if (!job.waitFor(SMOKE_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            job.destroyForcibly();
            throw new AssertionError("the smoke job did not end within its time limit; " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(job.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("records=20000 distinct=20000 parquet-objects=[1-9]");
    }

    private static Path script(String name, String text) throws IOException {
        Path file = state.resolve("scripts").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Flink's jars, as the local stack's cluster runs on them (scripts/lib.sh). */
    private static String flinkClasspath() throws IOException, InterruptedException {
        Path out = state.resolve("flink-classpath.out");
        Process process =
                new ProcessBuilder("bash", "-c", "source scripts/lib.sh && flink_classpath")
                        .directory(repository.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .redirectOutput(out.toFile())
                        .start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("flink_classpath ended").isTrue();
        assertThat(process.exitValue()).as("flink_classpath's exit code").isZero();
        return Files.readString(out, StandardCharsets.UTF_8).trim();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
