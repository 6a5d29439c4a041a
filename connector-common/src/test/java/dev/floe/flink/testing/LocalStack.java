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
package dev.floe.flink.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives {@code scripts/local-stack.sh} from a test: its own state directory and free loopback
 * ports, the jars of this build it is given, and the Flink REST API of the cluster it starts. Not
 * thread-safe.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);

    /** Where the stack's ports are chosen; members of an etcd cluster add 100 per member. */
    private static final int FIRST_PORT = 20_000;

    private static final int PORTS = 12_000;
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");

    private final Path repository;
    private final Path stateDir;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private int scriptRuns;

    /**
     * A stack of the repository at {@code repository}, kept in {@code stateDir}, with {@code
     * settings} (such as {@code FLOE_JOBS_JAR}) added to the script's environment.
     */
    public LocalStack(Path repository, Path stateDir, Map<String, String> settings)
            throws IOException {
        this.repository = repository;
        this.stateDir = stateDir;
        environment.put("FLOE_STACK_DIR", stateDir.toString());
        environment.put("FLOE_STACK_ETCD_PORT", freePort());
        environment.put("FLOE_STACK_ETCD_PEER_PORT", freePort());
        environment.put("FLOE_STACK_S3_PORT", freePort());
        environment.put("FLOE_STACK_FLINK_PORT", freePort());
        environment.put("FLOE_STACK_FLINK_RPC_PORT", freePort());
        environment.put("FLOE_STACK_JM_MEMORY", "900m");
        environment.putAll(settings);
    }

    /**
     * A stack brought {@link #up}, as {@link #LocalStack(Path, Path, Map)} makes it; if it does not
     * come up, whatever started is stopped before the failure is thrown.
     */
    public static LocalStack started(Path repository, Path stateDir, Map<String, String> settings)
            throws IOException, InterruptedException {
        LocalStack stack = new LocalStack(repository, stateDir, settings);
        try {
            stack.up();
        } catch (IOException | InterruptedException | RuntimeException e) {
            try {
                stack.down();
            } catch (IOException | InterruptedException | RuntimeException stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
        return stack;
    }

    /** {@code scripts/local-stack.sh up}; returns its output. */
    public String up() throws IOException, InterruptedException {
        return script("up");
    }

    /** {@code scripts/local-stack.sh down}; returns its output. */
    public String down() throws IOException, InterruptedException {
        return script("down");
    }

    /** Submits a job of the job jar with the script and returns its job id. */
    public String submit(String jobClass, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 2];
        command[0] = "submit";
        command[1] = jobClass;
        System.arraycopy(args, 0, command, 2, args.length);
        String output = script(command);
        Matcher m = JOB_ID.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no job id in the output of submit:\n" + output);
        }
        return m.group(1);
    }

    /**
     * Kills the stack's process {@code name} (its pid file's name, such as {@code taskmanager-1} or
     * {@code etcd-2}) at once, with SIGKILL, as a crash would.
     */
    public void kill(String name) throws IOException {
        long pid = pid(name);
        ProcessHandle process =
                ProcessHandle.of(pid)
                        .orElseThrow(() -> new IOException(name + " (pid " + pid + ") is gone"));
        process.destroyForcibly();
        process.onExit().join();
    }

    /** The pid of the stack's process {@code name}, from its pid file. */
    public long pid(String name) throws IOException {
        return Long.parseLong(Files.readString(stateDir.resolve(name + ".pid")).trim());
    }

    /**
     * Sends {@code signal} (such as {@code STOP} or {@code CONT}) to the stack's process {@code
     * name}: SIGSTOP freezes it, as a hung server, until SIGCONT.
     */
    public void signal(String name, String signal) throws IOException, InterruptedException {
        long pid = pid(name);
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
        if (kill.waitFor() != 0) {
            throw new IOException(
                    "kill -"
                            + signal
                            + " "
                            + name
                            + " (pid "
                            + pid
                            + ") failed: "
                            + new String(
                                    kill.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The endpoints file the stack wrote, which the scripts and the floe CLI read. */
    public Path endpointsFile() {
        return stateDir.resolve("endpoints.env");
    }

    /** The job's state from the REST API, such as RUNNING. */
    public String jobState(String jobId) throws IOException, InterruptedException {
        return rest("GET", "/jobs/" + jobId).get("state").asText();
    }

    /** Checkpoints of the job completed so far, from the REST API. */
    public long completedCheckpoints(String jobId) throws IOException, InterruptedException {
        return rest("GET", "/jobs/" + jobId + "/checkpoints")
                .path("counts")
                .path("completed")
                .asLong();
    }

    /** Records the job's vertex named {@code prefix...} has emitted, from the REST API. */
    public long recordsWritten(String jobId, String vertexPrefix)
            throws IOException, InterruptedException {
        for (JsonNode vertex : rest("GET", "/jobs/" + jobId).get("vertices")) {
            if (vertex.get("name").asText().startsWith(vertexPrefix)) {
                return vertex.get("metrics").get("write-records").asLong();
            }
        }
        throw new IllegalStateException("job " + jobId + " has no vertex " + vertexPrefix);
    }

    /**
     * Stops the job with a savepoint in {@code directory}, without draining its sources, and waits
     * until the savepoint is done: its sinks commit what the savepoint covers. Returns the
     * savepoint's location.
     */
    public String stopWithSavepoint(String jobId, Path directory, Duration timeout)
            throws IOException, InterruptedException {
        String body =
                json.createObjectNode()
                        .put("targetDirectory", directory.toUri().toString())
                        .put("drain", false)
                        .toString();
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(restUri("/jobs/" + jobId + "/stop"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(
                    "stop of " + jobId + ": HTTP " + response.statusCode() + " " + response.body());
        }
        String trigger = json.readTree(response.body()).get("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = rest("GET", "/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new IOException(
                            "stop of "
                                    + jobId
                                    + " failed: "
                                    + operation.get("failure-cause").path("stack-trace").asText());
                }
                return operation.path("location").asText();
            }
            Thread.sleep(500);
        }
        throw new IOException("stop of " + jobId + " did not complete within " + timeout);
    }

    /**
     * The largest value, over the job's subtasks, of each metric whose name ends with {@code
     * suffix} (such as {@code .floe.uploadLagBytes}), from the REST API; empty when no running
     * subtask reports it.
     */
    public OptionalLong maxSubtaskMetric(String jobId, String suffix)
            throws IOException, InterruptedException {
        OptionalLong max = OptionalLong.empty();
        for (JsonNode vertex : rest("GET", "/jobs/" + jobId).get("vertices")) {
            String metrics = "/jobs/" + jobId + "/vertices/" + vertex.get("id").asText();
            List<String> names = new ArrayList<>();
            for (JsonNode metric : rest("GET", metrics + "/subtasks/metrics")) {
                String name = metric.get("id").asText();
                if (name.endsWith(suffix)) {
                    names.add(URLEncoder.encode(name, StandardCharsets.UTF_8));
                }
            }
            if (names.isEmpty()) {
                continue;
            }
            String query = "?agg=max&get=" + String.join(",", names);
            for (JsonNode value : rest("GET", metrics + "/subtasks/metrics" + query)) {
                if (value.has("max")) {
                    long v = (long) value.get("max").asDouble();
                    max = OptionalLong.of(Math.max(v, max.orElse(Long.MIN_VALUE)));
                }
            }
        }
        return max;
    }

    public void cancel(String jobId) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(restUri("/jobs/" + jobId + "?mode=cancel"))
                                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("cancel of " + jobId + ": HTTP " + response.statusCode());
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        down();
    }

    private JsonNode rest(String method, String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(restUri(path))
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(
                    method
                            + " "
                            + path
                            + ": HTTP "
                            + response.statusCode()
                            + " "
                            + response.body());
        }
        return json.readTree(response.body());
    }

    private URI restUri(String path) {
        return URI.create("http://127.0.0.1:" + environment.get("FLOE_STACK_FLINK_PORT") + path);
    }

    /** Runs {@code scripts/local-stack.sh ARGS...} and returns how it ended, whatever its exit. */
    public ScriptRun run(String... args) throws IOException, InterruptedException {
        Path log = stateDir.resolve("script-" + (++scriptRuns) + "-" + args[0] + ".log");
        Files.createDirectories(stateDir);
        ProcessBuilder builder =
                new ProcessBuilder(
                                concat(
                                        repository.resolve("scripts/local-stack.sh").toString(),
                                        args))
                        .directory(repository.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        for (String external :
                List.of(
                        "FLOE_S3_ENDPOINT",
                        "FLOE_S3_BUCKET",
                        "FLOE_S3_PARQUET_BUCKET",
                        "FLOE_S3_CURATED_BUCKET",
                        "FLOE_S3_ACCESS_KEY",
                        "FLOE_S3_SECRET_KEY",
                        "FLOE_ETCD_ENDPOINTS")) {
            env.remove(external);
        }
        env.putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(SCRIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(
                    "local-stack.sh " + args[0] + " did not finish in " + SCRIPT_TIMEOUT);
        }
        return new ScriptRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private String script(String... args) throws IOException, InterruptedException {
        ScriptRun run = run(args);
        if (run.exitCode() != 0) {
            throw new IOException(
                    "local-stack.sh "
                            + String.join(" ", args)
                            + " failed with exit code "
                            + run.exitCode()
                            + ":\n"
                            + run.output());
        }
        return run.output();
    }

    /** How a run of the script ended: its exit code and its output (stdout and stderr). */
    public record ScriptRun(int exitCode, String output) {}

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /**
     * A free loopback port below Linux's ephemeral range (32768 and up): the stack binds its ports
     * up to a minute after they are chosen, and an outgoing connection may take an ephemeral one
     * meanwhile.
     */
    private static String freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = FIRST_PORT + ThreadLocalRandom.current().nextInt(PORTS);
            try (ServerSocket socket =
                    new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return Integer.toString(socket.getLocalPort());
            } catch (IOException taken) {
                // Try another.
            }
        }
        throw new IOException(
                "no free loopback port between "
                        + FIRST_PORT
                        + " and "
                        + (FIRST_PORT + PORTS)
                        + " after 200 attempts");
    }
}
