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
package dev.floe.cli;

import dev.floe.flink.connection.ConnectionArguments;
import dev.floe.flink.connection.ConnectionResolver;
import dev.floe.flink.connection.ConnectionSettings;
import dev.floe.flink.connection.FloeConnectionOptions;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code floe} command: inspects and maintains Floe streams (manifest and objects) from a
 * shell. {@link #run} parses the arguments, runs one command and returns its exit code: 0 on
 * success, 1 when {@code verify} finds a problem, 2 for a usage error or a failure (one line on
 * stderr, with a stack trace only under {@code --verbose}). Not thread-safe; one instance per run.
 */
@Command(
        name = "floe",
        mixinStandardHelpOptions = true,
        versionProvider = FloeCli.Version.class,
        description = "Inspect and maintain Floe streams: manifest in etcd, objects in S3.",
        subcommands = {
            StreamsCommand.class,
            PartitionsCommand.class,
            ObjectsCommand.class,
            DumpCommand.class,
            VerifyCommand.class,
            IcebergCommand.class,
            CleanCommand.class,
            PresignCommand.class,
            SqlCommand.class,
            IcebergRestCommand.class
        })
public final class FloeCli implements Runnable {

    /** Exit code of a failure or a usage error. */
    public static final int EXIT_ERROR = 2;

    /** Exit code of {@code verify} when it finds a problem. */
    public static final int EXIT_PROBLEMS = 1;

    @Option(
            names = "--timeout",
            scope = ScopeType.INHERIT,
            paramLabel = "DURATION",
            description =
                    "Time limit of one S3 or etcd call, e.g. 5s or 1m (default: 5s); unless set"
                            + " with -D.")
    Duration timeout = Duration.ofSeconds(5);

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Print stack traces of errors and the engine's INFO logs.")
    boolean verbose;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private ConnectionArguments connection = ConnectionArguments.none();

    FloeCli(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
    }

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "floe-cli-log4j2.properties");
        }
        // gRPC logs through java.util.logging; keep its notices off the terminal.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        if (Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose")) {
            System.setProperty("floe.cli.log.level", "info");
        }
        System.exit(run(System.out, System.err, args));
    }

    /** Runs one command with the process environment; returns its exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(out, err, System.getenv(), args);
    }

    /** Runs one command reading {@code FLOE_*} settings from {@code env}; returns its exit code. */
    public static int run(
            PrintStream out, PrintStream err, Map<String, String> env, String... args) {
        FloeCli cli = new FloeCli(out, err, env);
        CommandLine line = new CommandLine(cli);
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setExecutionExceptionHandler(new ErrorReporter(cli));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.registerConverter(Duration.class, TimeUtils::parseDuration);
        addConnectionHelp(line);
        try {
            cli.connection = ConnectionArguments.extractFrom(args);
        } catch (IllegalArgumentException e) {
            err.println("floe: " + e.getMessage());
            err.flush();
            return EXIT_ERROR;
        }
        int code = line.execute(cli.connection.remaining().toArray(String[]::new));
        out.flush();
        err.flush();
        return code;
    }

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "name a command; see floe --help");
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    boolean verbose() {
        return verbose;
    }

    /** The connection the flags, environment and endpoints file describe. */
    ConnectionSettings settings() {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new CliException("--timeout must be positive, got " + timeout);
        }
        String limit = timeout.toMillis() + " ms";
        try {
            return ConnectionResolver.of(env)
                    .withDefaults(
                            Map.of(
                                    FloeConnectionOptions.S3_API_CALL_TIMEOUT.key(), limit,
                                    FloeConnectionOptions.ETCD_REQUEST_TIMEOUT.key(), limit))
                    .resolve(connection);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /** Lists the connection flags, which every command takes, below each command's help. */
    private static void addConnectionHelp(CommandLine line) {
        line.getCommandSpec()
                .usageMessage()
                .footer(ConnectionArguments.help().toArray(String[]::new));
        line.getSubcommands().values().forEach(FloeCli::addConnectionHelp);
    }

    /** The version of the classes on the classpath. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = FloeCli.class.getPackage().getImplementationVersion();
            return new String[] {"floe " + (v == null ? "(development build)" : v)};
        }
    }
}
