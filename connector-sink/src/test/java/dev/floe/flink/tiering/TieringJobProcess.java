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

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A {@link FloeTieringJob} in a JVM of its own, on a local Flink environment of parallelism 1, so
 * that a test can kill it as a crash would. Arguments: {@code key=value} Floe options. Close kills
 * the process.
 */
final class TieringJobProcess implements AutoCloseable {

    private final Process process;

    private TieringJobProcess(Process process) {
        this.process = process;
    }

    /** Starts the job with {@code options}; its output goes to {@code log}. */
    static TieringJobProcess start(Configuration options, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TieringJobProcess.class.getName());
        options.toMap().forEach((k, v) -> command.add(k + "=" + v));
        return new TieringJobProcess(
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start());
    }

    /** Kills the process at once, as a crash would, and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    public static void main(String[] args) throws Exception {
        Configuration options = new Configuration();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.setString(arg.substring(0, eq), arg.substring(eq + 1));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        FloeTieringJob.builder().configure(options).build().execute(env);
    }
}
