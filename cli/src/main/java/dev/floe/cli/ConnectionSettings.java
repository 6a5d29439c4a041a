package dev.floe.cli;

import dev.floe.flink.connection.FloeConnectionOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.Configuration;

/**
 * The connection options a command uses, merged from (lowest first) an endpoints file, {@code
 * FLOE_*} environment variables and flags, and where each came from. Immutable.
 *
 * @param config the {@code floe.*} connection options
 * @param sources where the set options came from, for messages (e.g. "endpoints file X")
 */
record ConnectionSettings(Configuration config, List<String> sources) {

    /** {@code FLOE_*} variable names and the connection option each one sets. */
    static final Map<String, String> VARIABLES =
            Map.ofEntries(
                    Map.entry("FLOE_S3_ENDPOINT", FloeConnectionOptions.S3_ENDPOINT.key()),
                    Map.entry("FLOE_S3_BUCKET", FloeConnectionOptions.S3_BUCKET.key()),
                    Map.entry(
                            "FLOE_S3_PARQUET_BUCKET",
                            FloeConnectionOptions.S3_PARQUET_BUCKET.key()),
                    Map.entry("FLOE_S3_REGION", FloeConnectionOptions.S3_REGION.key()),
                    Map.entry("FLOE_S3_KEY_PREFIX", FloeConnectionOptions.S3_KEY_PREFIX.key()),
                    Map.entry("FLOE_S3_ACCESS_KEY", FloeConnectionOptions.S3_ACCESS_KEY.key()),
                    Map.entry("FLOE_S3_SECRET_KEY", FloeConnectionOptions.S3_SECRET_KEY.key()),
                    Map.entry("FLOE_ETCD_ENDPOINTS", FloeConnectionOptions.ETCD_ENDPOINTS.key()),
                    Map.entry("FLOE_ETCD_NAMESPACE", FloeConnectionOptions.ETCD_NAMESPACE.key()),
                    Map.entry("FLOE_LOCAL_PATH", FloeConnectionOptions.LOCAL_PATH.key()));

    ConnectionSettings {
        sources = List.copyOf(sources);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Whether objects are in S3 (a bucket is set) rather than a local directory. */
    boolean usesS3() {
        return config.getOptional(FloeConnectionOptions.S3_BUCKET).isPresent();
    }

    /** "from ..." naming the sources, or empty when only defaults are used. */
    String origin() {
        return sources.isEmpty() ? "embedded defaults" : String.join(", ", sources);
    }

    /** Collects options by source; later additions override earlier ones. Not thread-safe. */
    static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Set<String> sources = new LinkedHashSet<>();
        private Duration timeout = Duration.ofSeconds(5);

        Builder addEnvFile(Path file) {
            if (!Files.isRegularFile(file)) {
                throw new CliException(
                        "endpoints file "
                                + file
                                + " does not exist: start the local stack, fix FLOE_ENV_FILE or"
                                + " --env-file, or pass --no-env-file");
            }
            Map<String, String> vars;
            try {
                vars = EnvFile.read(file);
            } catch (IOException e) {
                throw new CliException(
                        "cannot read endpoints file " + file + ": " + e.getMessage());
            }
            if (addVariables(vars)) {
                sources.add("endpoints file " + file);
            }
            return this;
        }

        Builder addEnvironment(Map<String, String> env) {
            if (addVariables(env)) {
                sources.add("FLOE_* environment variables");
            }
            return this;
        }

        Builder addFlags(Map<String, String> flags) {
            for (Map.Entry<String, String> e : flags.entrySet()) {
                if (!e.getKey().startsWith("floe.")) {
                    throw new CliException(
                            "-D " + e.getKey() + ": only floe.* connection options can be set");
                }
                put(e.getKey(), e.getValue());
            }
            if (!flags.isEmpty()) {
                sources.add("flags");
            }
            return this;
        }

        Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new CliException("--timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        ConnectionSettings build() {
            Configuration config = new Configuration();
            values.forEach(config::setString);
            String seconds = timeout.toMillis() + " ms";
            if (!values.containsKey(FloeConnectionOptions.S3_API_CALL_TIMEOUT.key())) {
                config.setString(FloeConnectionOptions.S3_API_CALL_TIMEOUT.key(), seconds);
            }
            if (!values.containsKey(FloeConnectionOptions.ETCD_REQUEST_TIMEOUT.key())) {
                config.setString(FloeConnectionOptions.ETCD_REQUEST_TIMEOUT.key(), seconds);
            }
            return new ConnectionSettings(config, new ArrayList<>(sources));
        }

        private boolean addVariables(Map<String, String> vars) {
            boolean any = false;
            for (Map.Entry<String, String> v : VARIABLES.entrySet()) {
                String value = vars.get(v.getKey());
                if (value != null && !value.isBlank()) {
                    put(v.getValue(), value.trim());
                    any = true;
                }
            }
            return any;
        }

        private void put(String key, String value) {
            // Flink lists are ';'-separated; endpoints are given comma-separated, like etcdctl's.
            if (key.equals(FloeConnectionOptions.ETCD_ENDPOINTS.key())) {
                value = value.replace(',', ';');
            }
            values.put(key, value);
        }
    }
}
