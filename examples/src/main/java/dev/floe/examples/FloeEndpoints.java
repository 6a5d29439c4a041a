package dev.floe.examples;

import dev.floe.flink.connection.FloeConnectionBuilder;
import dev.floe.flink.connection.FloeConnectionOptions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Option;

/**
 * Where the examples' streams live, as command-line options that default to the {@code FLOE_*}
 * environment variables (those {@code scripts/local-stack.sh} writes): an S3-compatible store and
 * etcd when given, otherwise the embedded defaults under a local directory. Not thread-safe.
 */
public final class FloeEndpoints {

    @Option(
            names = "--local-path",
            defaultValue = "${env:FLOE_LOCAL_PATH}",
            description =
                    "Directory of the embedded object and manifest stores, used when no S3 bucket"
                            + " or etcd is given (env FLOE_LOCAL_PATH; default: the temp"
                            + " directory's floe/).")
    String localPath;

    @Option(
            names = "--s3-endpoint",
            defaultValue = "${env:FLOE_S3_ENDPOINT}",
            description = "S3 endpoint such as http://127.0.0.1:9000 (env FLOE_S3_ENDPOINT).")
    String s3Endpoint;

    @Option(
            names = "--s3-bucket",
            defaultValue = "${env:FLOE_S3_BUCKET}",
            description =
                    "Bucket of the raw segment objects; selects S3 as the object store (env"
                            + " FLOE_S3_BUCKET).")
    String s3Bucket;

    @Option(
            names = "--s3-parquet-bucket",
            defaultValue = "${env:FLOE_S3_PARQUET_BUCKET}",
            description =
                    "Bucket of the Parquet objects tiering writes, when apart from the raw ones"
                            + " (env FLOE_S3_PARQUET_BUCKET; default: --s3-bucket).")
    String s3ParquetBucket;

    @Option(
            names = "--s3-access-key",
            defaultValue = "${env:FLOE_S3_ACCESS_KEY}",
            description = "S3 access key (env FLOE_S3_ACCESS_KEY; default: AWS credentials chain).")
    String s3AccessKey;

    @Option(
            names = "--s3-secret-key",
            defaultValue = "${env:FLOE_S3_SECRET_KEY}",
            description = "S3 secret key (env FLOE_S3_SECRET_KEY).")
    String s3SecretKey;

    @Option(
            names = "--etcd",
            defaultValue = "${env:FLOE_ETCD_ENDPOINTS}",
            description =
                    "etcd endpoints, comma-separated, such as http://127.0.0.1:2379; selects etcd"
                            + " as the manifest store (env FLOE_ETCD_ENDPOINTS).")
    String etcdEndpoints;

    @Option(
            names = {"-D", "--floe-option"},
            paramLabel = "KEY=VALUE",
            description =
                    "Any other Floe option (floe.*), such as -D floe.sink.tier.target-size=64mb;"
                            + " see docs/configuration.md.")
    Map<String, String> options = new LinkedHashMap<>();

    /** Whether objects go to S3 rather than the local directory. */
    public boolean usesS3() {
        return isSet(s3Bucket);
    }

    /** Whether the manifest is in etcd rather than embedded. */
    public boolean usesEtcd() {
        return isSet(etcdEndpoints);
    }

    /** The connection options these endpoints stand for. */
    public Configuration configuration() {
        Configuration config = new Configuration();
        options.forEach(
                (key, value) -> {
                    if (!key.startsWith("floe.")) {
                        throw new IllegalArgumentException(
                                "-D " + key + ": only Floe options (floe.*) can be set this way");
                    }
                    config.setString(key, value);
                });
        if (isSet(localPath)) {
            config.set(FloeConnectionOptions.LOCAL_PATH, localPath);
        }
        if (isSet(s3Endpoint)) {
            config.set(FloeConnectionOptions.S3_ENDPOINT, s3Endpoint);
        }
        if (isSet(s3Bucket)) {
            config.set(FloeConnectionOptions.S3_BUCKET, s3Bucket);
        }
        if (isSet(s3ParquetBucket)) {
            config.set(FloeConnectionOptions.S3_PARQUET_BUCKET, s3ParquetBucket);
        }
        if (isSet(s3AccessKey)) {
            config.set(FloeConnectionOptions.S3_ACCESS_KEY, s3AccessKey);
        }
        if (isSet(s3SecretKey)) {
            config.set(FloeConnectionOptions.S3_SECRET_KEY, s3SecretKey);
        }
        if (isSet(etcdEndpoints)) {
            List<String> endpoints =
                    Arrays.stream(etcdEndpoints.split(","))
                            .map(String::trim)
                            .filter(s -> !s.isEmpty())
                            .toList();
            config.set(FloeConnectionOptions.ETCD_ENDPOINTS, endpoints);
        }
        return config;
    }

    /** Applies these endpoints to a sink or source builder. */
    public <B extends FloeConnectionBuilder<B>> B applyTo(B builder) {
        return builder.configure(configuration());
    }

    /** Where objects and manifest are, for messages. */
    public String describe() {
        Configuration config = configuration();
        String objects =
                usesS3()
                        ? "S3 bucket "
                                + s3Bucket
                                + (isSet(s3ParquetBucket)
                                        ? " (Parquet: " + s3ParquetBucket + ")"
                                        : "")
                                + " at "
                                + (isSet(s3Endpoint) ? s3Endpoint : "AWS")
                        : "local directory "
                                + config.get(FloeConnectionOptions.LOCAL_PATH)
                                + "/objects";
        String manifest =
                usesEtcd()
                        ? "etcd " + etcdEndpoints
                        : "embedded manifest in "
                                + config.get(FloeConnectionOptions.LOCAL_PATH)
                                + "/manifest";
        return objects + ", " + manifest;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
