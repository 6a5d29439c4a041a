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

import dev.floe.flink.connection.ConnectionArguments.Setting;
import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.object.S3ObjectStoreConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Turns a tool's connection settings into {@code floe.*} options: the one parser behind the {@code
 * floe} command, the quickstart and the example jobs. For each option the first of these that sets
 * it wins:
 *
 * <ol>
 *   <li>the command line ({@link ConnectionArguments}): a {@link ConnectionFlag} or {@code -D
 *       floe.<key>=<value>}; when both set one option, the later on the line;
 *   <li>the flag's {@code FLOE_*} environment variable;
 *   <li>the same variable in the endpoints file: {@code --env-file FILE}, else {@value
 *       #ENDPOINTS_FILE_VARIABLE}, else {@value #DEFAULT_ENDPOINTS_FILE} under the directory of
 *       system property {@value #HOME_PROPERTY} (default: the working directory) if it exists; none
 *       with {@code --no-env-file};
 *   <li>the tool's own defaults ({@link #withDefaults}), then the option's default.
 * </ol>
 *
 * <p>An empty variable counts as unset. A list of etcd endpoints is split at commas and semicolons
 * ({@link #splitEndpoints}) wherever it comes from. Every value is checked as it is read, and a bad
 * one fails with a message that names its flag or variable. Immutable and thread-safe.
 */
@PublicEvolving
public final class ConnectionResolver {

    /** Where {@code scripts/local-stack.sh} writes its endpoints, relative to the repository. */
    public static final String DEFAULT_ENDPOINTS_FILE = "target/floe-local-stack/endpoints.env";

    /** The environment variable naming the endpoints file. */
    public static final String ENDPOINTS_FILE_VARIABLE = "FLOE_ENV_FILE";

    /** The system property naming the directory under which the default endpoints file is. */
    public static final String HOME_PROPERTY = "floe.home";

    private static final Map<String, ConfigOption<?>> OPTIONS =
            FloeConnectionOptions.all().stream()
                    .collect(Collectors.toMap(ConfigOption::key, Function.identity()));

    private final Map<String, String> environment;
    private final Map<String, String> defaults;

    private ConnectionResolver(Map<String, String> environment, Map<String, String> defaults) {
        this.environment = Map.copyOf(environment);
        this.defaults = Map.copyOf(defaults);
    }

    /** Reads the environment of this process. */
    public static ConnectionResolver forProcess() {
        return of(System.getenv());
    }

    /** Reads {@code environment} in place of the process's. */
    public static ConnectionResolver of(Map<String, String> environment) {
        return new ConnectionResolver(environment, Map.of());
    }

    /**
     * Uses {@code options} ({@code floe.*} keys) where nothing else sets them, in place of the
     * options' own defaults; the {@code floe} command's shorter time limits, for instance.
     */
    public ConnectionResolver withDefaults(Map<String, String> options) {
        return new ConnectionResolver(environment, options);
    }

    /**
     * The connection {@code arguments}, the environment and the endpoints file describe.
     *
     * @throws IllegalArgumentException naming the flag, variable or file of a value that is wrong,
     *     or a named endpoints file that does not exist
     */
    public ConnectionSettings resolve(ConnectionArguments arguments) {
        Map<String, Setting> merged = new LinkedHashMap<>();
        defaults.forEach((key, value) -> merged.put(key, new Setting(key, value, key)));
        List<String> sources = new ArrayList<>();
        Path file = endpointsFile(arguments);
        if (file != null) {
            String where = " in endpoints file " + file;
            if (putVariables(merged, EndpointsFile.read(file), where)) {
                sources.add("endpoints file " + file);
            }
        }
        if (putVariables(merged, environment, "")) {
            sources.add("FLOE_* environment variables");
        }
        for (Setting setting : arguments.settings()) {
            merged.put(setting.key(), setting);
        }
        if (!arguments.settings().isEmpty()) {
            sources.add("flags");
        }
        Configuration config = new Configuration();
        merged.values().forEach(setting -> apply(config, setting));
        return new ConnectionSettings(config, sources);
    }

    /**
     * Splits a list of etcd endpoints as people write them: at commas or semicolons (Flink's list
     * separator), with blanks around them and empty entries dropped.
     */
    public static List<String> splitEndpoints(String value) {
        return Arrays.stream(value.split("[,;]"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private Path endpointsFile(ConnectionArguments arguments) {
        if (arguments.endpointsFile().isPresent()) {
            return arguments.endpointsFile().get();
        }
        if (arguments.ignoresEndpointsFile()) {
            return null;
        }
        String named = environment.get(ENDPOINTS_FILE_VARIABLE);
        if (named != null && !named.isBlank()) {
            return Path.of(named.strip());
        }
        Path fallback =
                Path.of(System.getProperty(HOME_PROPERTY, ".")).resolve(DEFAULT_ENDPOINTS_FILE);
        return Files.isRegularFile(fallback) ? fallback : null;
    }

    private static boolean putVariables(
            Map<String, Setting> merged, Map<String, String> variables, String where) {
        boolean any = false;
        for (ConnectionFlag flag : ConnectionFlag.values()) {
            String value = variables.get(flag.variable());
            if (value != null && !value.isBlank()) {
                String key = flag.option().key();
                merged.put(key, new Setting(key, value.strip(), flag.variable() + where));
                any = true;
            }
        }
        return any;
    }

    /** Sets the option, checking its value first. */
    private static void apply(Configuration config, Setting setting) {
        ConfigOption<?> option = OPTIONS.get(setting.key());
        String value = setting.value();
        try {
            if (option == FloeConnectionOptions.ETCD_ENDPOINTS) {
                List<String> endpoints = splitEndpoints(value);
                EtcdManifestConfig.builder().endpoints(endpoints);
                config.set(FloeConnectionOptions.ETCD_ENDPOINTS, endpoints);
                return;
            }
            if (option == FloeConnectionOptions.S3_ENDPOINT) {
                S3ObjectStoreConfig.builder().endpoint(URI.create(value));
            } else if (option == FloeConnectionOptions.ETCD_NAMESPACE) {
                EtcdManifestConfig.builder().namespace(value);
            }
            config.setString(setting.key(), value);
            if (option != null) {
                config.get(option);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting.source() + ": " + e.getMessage(), e);
        }
    }
}
