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
package dev.floe.examples;

import dev.floe.flink.connection.ConnectionArguments;
import dev.floe.flink.connection.ConnectionResolver;
import dev.floe.flink.connection.ConnectionSettings;
import dev.floe.wal.error.FloeErrors;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The command line the quickstart and the example jobs share. The connection flags, {@code FLOE_*}
 * variables and the endpoints file resolve as for the {@code floe} command ({@link
 * ConnectionResolver}); picocli parses the rest into the subclass. A failure reaches the user as
 * one line on stderr, {@code <command>: <what failed>}, and exit code {@value #EXIT_FAILURE}; the
 * stack trace follows only with {@code --verbose}. Not thread-safe; one instance per run.
 */
public abstract class ExampleCommand implements Callable<Integer> {

    /** Exit code of a failure: a bad setting, an unreachable store, a failed job. */
    public static final int EXIT_FAILURE = 2;

    @Option(
            names = {"-v", "--verbose"},
            description = "Print the stack trace of a failure.")
    boolean verbose;

    private PrintStream out = System.out;
    private Map<String, String> environment = Map.of();
    private ConnectionArguments connectionArguments = ConnectionArguments.none();
    private ConnectionSettings connection;

    /**
     * Runs {@code command} as the {@code main} of a process (standard streams, the process's
     * environment, gRPC's console notices off); returns its exit code.
     */
    public static int executeMain(ExampleCommand command, String... args) {
        // gRPC (etcd's client) logs through java.util.logging; keep its notices off the console.
        Logger.getLogger("").setLevel(Level.WARNING);
        return command.execute(System.out, System.err, System.getenv(), args);
    }

    /**
     * Runs this command with {@code args}, printing to {@code out} and {@code err}, reading {@code
     * FLOE_*} variables from {@code environment}; returns its exit code.
     */
    public int execute(
            PrintStream out, PrintStream err, Map<String, String> environment, String... args) {
        CommandLine line = commandLine(out, err, environment);
        try {
            connectionArguments = ConnectionArguments.extractFrom(args);
        } catch (IllegalArgumentException e) {
            err.println(line.getCommandName() + ": " + e.getMessage());
            return EXIT_FAILURE;
        }
        int code = line.execute(connectionArguments.remaining().toArray(String[]::new));
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Parses {@code args} into this command without running it, for a caller that runs {@link
     * #call()} itself and wants its exceptions.
     */
    protected void parse(PrintStream out, Map<String, String> environment, String... args) {
        CommandLine line = commandLine(out, System.err, environment);
        connectionArguments = ConnectionArguments.extractFrom(args);
        line.parseArgs(connectionArguments.remaining().toArray(String[]::new));
    }

    /**
     * Where the streams live, as the flags, environment and endpoints file say, checked by
     * connecting once: a wrong endpoint, credentials or bucket fails here, before any job starts.
     *
     * @throws IllegalArgumentException for a bad value or an unreachable store; the message is the
     *     one line the user sees
     */
    protected ConnectionSettings connection() {
        if (connection == null) {
            ConnectionSettings settings;
            try {
                settings = ConnectionResolver.of(environment).resolve(connectionArguments);
                settings.check();
            } catch (IOException | IllegalArgumentException e) {
                throw new SettingsException(e.getMessage(), e);
            }
            connection = settings;
        }
        return connection;
    }

    /** Where the command prints. */
    protected PrintStream out() {
        return out;
    }

    private CommandLine commandLine(
            PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.environment = Map.copyOf(environment);
        CommandLine line = new CommandLine(this);
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.registerConverter(Duration.class, TimeUtils::parseDuration);
        line.getCommandSpec()
                .usageMessage()
                .footer(ConnectionArguments.help().toArray(String[]::new));
        line.setExecutionExceptionHandler(
                (e, failed, parsed) -> {
                    err.println(failed.getCommandName() + ": " + message(e));
                    if (verbose) {
                        e.printStackTrace(err);
                    } else if (!(e instanceof SettingsException)) {
                        err.println("(run with --verbose for the stack trace)");
                    }
                    return EXIT_FAILURE;
                });
        return line;
    }

    /**
     * One line for a failure: the first Floe exception in the chain says best what went wrong (a
     * failed job wraps it in Flink's exceptions); without one, the deepest cause with a message.
     */
    static String message(Throwable e) {
        Throwable shown = null;
        for (Throwable t = e; t != null && shown == null; t = t.getCause()) {
            if (t.getClass().getName().startsWith("dev.floe.") && t.getMessage() != null) {
                shown = t;
            }
        }
        if (shown == null) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getMessage() != null && !t.getMessage().isBlank()) {
                    shown = t;
                }
            }
        }
        if (shown == null) {
            return e.getClass().getSimpleName();
        }
        return FloeErrors.firstLine(shown);
    }

    /** A setting that is wrong or a store that cannot be reached: one line says it all. */
    private static final class SettingsException extends IllegalArgumentException {
        SettingsException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
