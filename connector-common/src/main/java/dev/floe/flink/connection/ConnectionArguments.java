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
package dev.floe.flink.connection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The connection part of a command line, taken out of it so that a command's own parser sees only
 * the rest: the flags of {@link ConnectionFlag} ({@code --s3-bucket NAME} or {@code
 * --s3-bucket=NAME}), {@code -D floe.<key>=<value>} (also {@code -Dfloe.<key>=<value>} and {@code
 * --floe-option}), and the endpoints file ({@code --env-file FILE}, {@code --no-env-file}). They
 * may stand anywhere before a {@code --}. {@link ConnectionResolver} turns them into options.
 * Immutable.
 */
@PublicEvolving
public final class ConnectionArguments {

    /** Sets any {@code floe.*} option: {@code -D floe.s3.part-size=16mb}. */
    public static final String OPTION = "-D";

    /** The long form of {@link #OPTION}. */
    public static final String OPTION_LONG = "--floe-option";

    /** Names the endpoints file to read. */
    public static final String ENDPOINTS_FILE = "--env-file";

    /** Reads no endpoints file. */
    public static final String NO_ENDPOINTS_FILE = "--no-env-file";

    private static final String END_OF_OPTIONS = "--";
    private static final String FLOE_KEY_PREFIX = "floe.";

    private final List<Setting> settings;
    private final Path endpointsFile;
    private final boolean noEndpointsFile;
    private final List<String> remaining;

    private ConnectionArguments(
            List<Setting> settings,
            Path endpointsFile,
            boolean noEndpointsFile,
            List<String> remaining) {
        this.settings = List.copyOf(settings);
        this.endpointsFile = endpointsFile;
        this.noEndpointsFile = noEndpointsFile;
        this.remaining = List.copyOf(remaining);
    }

    /** No connection arguments: the environment, the endpoints file and defaults decide. */
    public static ConnectionArguments none() {
        return new ConnectionArguments(List.of(), null, false, List.of());
    }

    /**
     * Takes the connection arguments out of {@code args}.
     *
     * @throws IllegalArgumentException naming the flag, when a flag has no value or {@code -D} is
     *     not {@code floe.<key>=<value>}
     */
    public static ConnectionArguments extractFrom(String... args) {
        List<Setting> settings = new ArrayList<>();
        List<String> remaining = new ArrayList<>();
        Path endpointsFile = null;
        boolean noEndpointsFile = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals(END_OF_OPTIONS)) {
                remaining.addAll(Arrays.asList(args).subList(i, args.length));
                break;
            }
            int eq = arg.indexOf('=');
            boolean inline = arg.startsWith("--") && eq > 0;
            String name = inline ? arg.substring(0, eq) : arg;
            Optional<ConnectionFlag> flag = ConnectionFlag.named(name);
            boolean takesValue =
                    flag.isPresent()
                            || name.equals(OPTION)
                            || name.equals(OPTION_LONG)
                            || name.equals(ENDPOINTS_FILE);
            if (!takesValue) {
                if (arg.equals(NO_ENDPOINTS_FILE)) {
                    noEndpointsFile = true;
                } else if (arg.startsWith(OPTION) && arg.length() > OPTION.length()) {
                    settings.add(option(OPTION, arg.substring(OPTION.length())));
                } else {
                    remaining.add(arg);
                }
                continue;
            }
            String value;
            if (inline) {
                value = arg.substring(eq + 1);
            } else {
                value = valueAfter(args, i);
                i++;
            }
            if (flag.isPresent()) {
                settings.add(new Setting(flag.get().option().key(), value, name));
            } else if (name.equals(ENDPOINTS_FILE)) {
                endpointsFile = Path.of(value);
            } else {
                settings.add(option(name, value));
            }
        }
        return new ConnectionArguments(settings, endpointsFile, noEndpointsFile, remaining);
    }

    /** The arguments that are not about the connection, in their order. */
    public List<String> remaining() {
        return remaining;
    }

    /** The endpoints file named by {@value #ENDPOINTS_FILE}. */
    public Optional<Path> endpointsFile() {
        return Optional.ofNullable(endpointsFile);
    }

    /** Whether {@value #NO_ENDPOINTS_FILE} was given. */
    public boolean ignoresEndpointsFile() {
        return noEndpointsFile;
    }

    /** The options set, in command-line order. */
    List<Setting> settings() {
        return settings;
    }

    /**
     * The connection flags for the help text of a command, in lines of at most 80 characters: each
     * flag with its variable, then what it sets.
     */
    public static List<String> help() {
        List<String> lines = new ArrayList<>();
        lines.add("Connection (a flag or -D wins over its FLOE_* variable, which wins over the");
        lines.add("endpoints file; see docs/configuration.md):");
        for (ConnectionFlag flag : ConnectionFlag.values()) {
            String names = String.join(", ", flag.names()) + " " + flag.paramLabel();
            addHelp(lines, names, flag.variable(), flag.description());
        }
        addHelp(
                lines,
                OPTION + ", " + OPTION_LONG + " KEY=VALUE",
                "",
                "any floe.* option, e.g. -D floe.s3.create-bucket=true");
        addHelp(
                lines,
                ENDPOINTS_FILE + " FILE",
                ConnectionResolver.ENDPOINTS_FILE_VARIABLE,
                "endpoints file (default: "
                        + ConnectionResolver.DEFAULT_ENDPOINTS_FILE
                        + " if it exists)");
        addHelp(lines, NO_ENDPOINTS_FILE, "", "read no endpoints file");
        return lines;
    }

    private static void addHelp(
            List<String> lines, String flag, String variable, String description) {
        lines.add(String.format("  %-43s %s", flag, variable).stripTrailing());
        lines.add("        " + description);
    }

    private static String valueAfter(String[] args, int i) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static Setting option(String flag, String keyValue) {
        int eq = keyValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(
                    flag
                            + " "
                            + keyValue
                            + ": expected KEY=VALUE, such as floe.s3.region=eu-west-1");
        }
        String key = keyValue.substring(0, eq).strip();
        if (!key.startsWith(FLOE_KEY_PREFIX)) {
            throw new IllegalArgumentException(
                    flag + " " + key + ": only Floe options (floe.*) can be set this way");
        }
        return new Setting(key, keyValue.substring(eq + 1), OPTION + " " + key);
    }

    /**
     * One option's value as given, and where it was given, for messages.
     *
     * @param key the option key, such as {@code floe.s3.bucket}
     * @param value the value as written
     * @param source where it was written, such as {@code --s3-bucket} or {@code FLOE_S3_BUCKET}
     */
    record Setting(String key, String value, String source) {}
}
