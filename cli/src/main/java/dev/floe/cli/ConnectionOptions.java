package dev.floe.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where the stream lives, as flags of every command: the same settings as the connectors' {@code
 * floe.*} connection options, with {@code FLOE_*} environment variables and an endpoints file as
 * fallbacks. Not thread-safe.
 */
final class ConnectionOptions {

    /** Where the local stack script writes its endpoints, relative to the repository. */
    static final String DEFAULT_ENV_FILE = "target/floe-local-stack/endpoints.env";

    @Option(
            names = "--s3-endpoint",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "S3 endpoint, e.g. http://127.0.0.1:9000 (floe.s3.endpoint).")
    String s3Endpoint;

    @Option(
            names = {"--s3-bucket", "--bucket"},
            scope = ScopeType.INHERIT,
            paramLabel = "NAME",
            description = "Bucket of the objects; selects S3 over the local directory.")
    String bucket;

    @Option(
            names = {"--s3-parquet-bucket", "--parquet-bucket"},
            scope = ScopeType.INHERIT,
            paramLabel = "NAME",
            description = "Bucket of Parquet objects when apart from --s3-bucket.")
    String parquetBucket;

    @Option(
            names = {"--s3-access-key", "--access-key"},
            scope = ScopeType.INHERIT,
            paramLabel = "KEY",
            description = "S3 access key (default: the AWS credentials chain).")
    String accessKey;

    @Option(
            names = {"--s3-secret-key", "--secret-key"},
            scope = ScopeType.INHERIT,
            paramLabel = "KEY",
            description = "S3 secret key, with --s3-access-key.")
    String secretKey;

    @Option(
            names = "--etcd",
            scope = ScopeType.INHERIT,
            paramLabel = "URLS",
            description =
                    "etcd endpoints, comma-separated; selects etcd over the embedded manifest.")
    String etcd;

    @Option(
            names = "--namespace",
            scope = ScopeType.INHERIT,
            paramLabel = "NS",
            description = "Manifest namespace (default: default).")
    String namespace;

    @Option(
            names = "--local-path",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description =
                    "Directory of the embedded object store and manifest (default:"
                            + " <tmpdir>/floe).")
    String localPath;

    @Option(
            names = "-D",
            scope = ScopeType.INHERIT,
            paramLabel = "KEY=VALUE",
            description = "Any floe.* connection option, e.g. -D floe.s3.key-prefix=floe/.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(
            names = "--env-file",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            description =
                    "Endpoints file of FLOE_* settings (default: $FLOE_ENV_FILE, else "
                            + DEFAULT_ENV_FILE
                            + " in the repository if it exists).")
    Path envFile;

    @Option(
            names = "--no-env-file",
            scope = ScopeType.INHERIT,
            description = "Ignore the endpoints file.")
    boolean noEnvFile;

    @Option(
            names = "--timeout",
            scope = ScopeType.INHERIT,
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "Time limit of one S3 or etcd call, e.g. 5s or 1m (default: 5s); unless set"
                            + " with -D.")
    Duration timeout = Duration.ofSeconds(5);

    /** The connection these flags, {@code env} and the endpoints file describe. */
    ConnectionSettings resolve(Map<String, String> env) {
        ConnectionSettings.Builder settings = ConnectionSettings.builder();
        Path file = envFile(env);
        if (file != null) {
            settings.addEnvFile(file);
        }
        settings.addEnvironment(env);
        Map<String, String> flags = new LinkedHashMap<>();
        putIfSet(flags, "floe.s3.endpoint", s3Endpoint);
        putIfSet(flags, "floe.s3.bucket", bucket);
        putIfSet(flags, "floe.s3.parquet-bucket", parquetBucket);
        putIfSet(flags, "floe.s3.access-key", accessKey);
        putIfSet(flags, "floe.s3.secret-key", secretKey);
        putIfSet(flags, "floe.etcd.endpoints", etcd);
        putIfSet(flags, "floe.etcd.namespace", namespace);
        putIfSet(flags, "floe.local.path", localPath);
        settings.addFlags(flags);
        settings.addFlags(properties);
        return settings.timeout(timeout).build();
    }

    private Path envFile(Map<String, String> env) {
        if (noEnvFile) {
            return null;
        }
        if (envFile != null) {
            return envFile;
        }
        String named = env.get("FLOE_ENV_FILE");
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        Path home = Path.of(System.getProperty("floe.home", "."));
        Path fallback = home.resolve(DEFAULT_ENV_FILE);
        return Files.isRegularFile(fallback) ? fallback : null;
    }

    private static void putIfSet(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }
}
