package dev.floe.flink.connection;

import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.object.LocalDirectoryObjectStore;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.object.S3ObjectStore;
import dev.floe.wal.object.S3ObjectStoreConfig;
import dev.floe.wal.tier.TierStores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.util.IOUtils;

/**
 * Open object and manifest stores for one set of {@link FloeConnectionOptions}, shared by every
 * sink and source task of a job in one process (an embedded manifest admits one opener per process,
 * and etcd and S3 clients are costly). Reference-counted: {@link #open} returns a handle and the
 * stores close when the last handle does. Thread-safe.
 */
@Internal
public final class FloeConnection implements AutoCloseable {

    private static final Map<String, Shared> OPEN = new HashMap<>();
    private static final List<ConfigOption<?>> OPTIONS = FloeConnectionOptions.all();

    private final Shared shared;
    private boolean closed;

    private FloeConnection(Shared shared) {
        this.shared = shared;
    }

    /**
     * Opens the stores the options describe, or shares those already open in this process.
     *
     * @throws IOException if the object store cannot be reached (the message names it)
     */
    public static FloeConnection open(ReadableConfig config) throws IOException {
        String id = identity(config);
        synchronized (OPEN) {
            Shared shared = OPEN.get(id);
            if (shared == null) {
                TierStores stores = openStores(config);
                ManifestStore manifest;
                try {
                    manifest = openManifest(config);
                } catch (RuntimeException e) {
                    IOUtils.closeAllQuietly(stores.segments(), stores.parquet());
                    throw e;
                }
                shared = new Shared(id, stores, manifest);
                OPEN.put(id, shared);
            }
            shared.references++;
            return new FloeConnection(shared);
        }
    }

    public TierStores stores() {
        return shared.stores;
    }

    public ManifestStore manifest() {
        return shared.manifest;
    }

    /** Where the stores are, for messages. */
    public String describe() {
        return shared.manifest.describe() + ", " + shared.stores.segments().describe();
    }

    @Override
    public void close() {
        synchronized (OPEN) {
            if (closed) {
                return;
            }
            closed = true;
            if (--shared.references == 0) {
                OPEN.remove(shared.id);
                IOUtils.closeAllQuietly(
                        shared.manifest, shared.stores.segments(), shared.stores.parquet());
            }
        }
    }

    /** Checks the options without connecting; throws {@link IllegalArgumentException}. */
    public static void validate(ReadableConfig config) {
        if (config.getOptional(FloeConnectionOptions.S3_BUCKET).isPresent()) {
            s3Config(config, config.get(FloeConnectionOptions.S3_BUCKET));
        } else if (config.getOptional(FloeConnectionOptions.S3_ENDPOINT).isPresent()) {
            throw new IllegalArgumentException(
                    FloeConnectionOptions.S3_ENDPOINT.key()
                            + " is set but "
                            + FloeConnectionOptions.S3_BUCKET.key()
                            + " is not: name the bucket to write to");
        }
        if (config.getOptional(FloeConnectionOptions.S3_PARQUET_BUCKET).isPresent()
                && config.getOptional(FloeConnectionOptions.S3_BUCKET).isEmpty()) {
            throw new IllegalArgumentException(
                    FloeConnectionOptions.S3_PARQUET_BUCKET.key()
                            + " is set but "
                            + FloeConnectionOptions.S3_BUCKET.key()
                            + " is not: name the bucket of the segment objects too");
        }
        if (config.getOptional(FloeConnectionOptions.ETCD_PASSWORD).isPresent()
                && config.getOptional(FloeConnectionOptions.ETCD_USER).isEmpty()) {
            throw new IllegalArgumentException(
                    FloeConnectionOptions.ETCD_PASSWORD.key()
                            + " is set but "
                            + FloeConnectionOptions.ETCD_USER.key()
                            + " is not");
        }
        if (config.getOptional(FloeConnectionOptions.ETCD_ENDPOINTS).isPresent()) {
            etcdConfig(config);
        }
    }

    private static TierStores openStores(ReadableConfig config) throws IOException {
        var bucket = config.getOptional(FloeConnectionOptions.S3_BUCKET);
        if (bucket.isEmpty()) {
            ObjectStore local =
                    LocalDirectoryObjectStore.open(localPath(config).resolve("objects"));
            return TierStores.single(local);
        }
        S3ObjectStore segments = S3ObjectStore.open(s3Config(config, bucket.get()));
        var parquetBucket = config.getOptional(FloeConnectionOptions.S3_PARQUET_BUCKET);
        if (parquetBucket.isEmpty() || parquetBucket.get().equals(bucket.get())) {
            return TierStores.single(segments);
        }
        try {
            return new TierStores(
                    segments, S3ObjectStore.open(s3Config(config, parquetBucket.get())));
        } catch (RuntimeException e) {
            segments.close();
            throw e;
        }
    }

    private static ManifestStore openManifest(ReadableConfig config) {
        if (config.getOptional(FloeConnectionOptions.ETCD_ENDPOINTS).isPresent()) {
            return ManifestStores.etcd(etcdConfig(config));
        }
        return ManifestStores.embedded(
                localPath(config).resolve("manifest"),
                config.get(FloeConnectionOptions.ETCD_NAMESPACE));
    }

    private static S3ObjectStoreConfig s3Config(ReadableConfig config, String bucket) {
        S3ObjectStoreConfig.Builder b =
                S3ObjectStoreConfig.builder()
                        .bucket(bucket)
                        .region(config.get(FloeConnectionOptions.S3_REGION))
                        .keyPrefix(config.get(FloeConnectionOptions.S3_KEY_PREFIX))
                        .pathStyle(config.get(FloeConnectionOptions.S3_PATH_STYLE))
                        .createBucketIfMissing(config.get(FloeConnectionOptions.S3_CREATE_BUCKET))
                        .partSize(partSize(config))
                        .apiCallTimeout(config.get(FloeConnectionOptions.S3_API_CALL_TIMEOUT));
        config.getOptional(FloeConnectionOptions.S3_ENDPOINT).ifPresent(b::endpoint);
        var accessKey = config.getOptional(FloeConnectionOptions.S3_ACCESS_KEY);
        var secretKey = config.getOptional(FloeConnectionOptions.S3_SECRET_KEY);
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalArgumentException(
                    "set both "
                            + FloeConnectionOptions.S3_ACCESS_KEY.key()
                            + " and "
                            + FloeConnectionOptions.S3_SECRET_KEY.key()
                            + ", or neither to use the AWS default credentials chain");
        }
        accessKey.ifPresent(a -> b.credentials(a, secretKey.get()));
        return b.build();
    }

    private static int partSize(ReadableConfig config) {
        long bytes = config.get(FloeConnectionOptions.S3_PART_SIZE).getBytes();
        if (bytes < S3ObjectStoreConfig.MIN_PART_SIZE
                || bytes > S3ObjectStoreConfig.MAX_PART_SIZE) {
            throw new IllegalArgumentException(
                    FloeConnectionOptions.S3_PART_SIZE.key()
                            + " must be between 5 MiB and 1 GiB, got "
                            + config.get(FloeConnectionOptions.S3_PART_SIZE));
        }
        return (int) bytes;
    }

    private static EtcdManifestConfig etcdConfig(ReadableConfig config) {
        List<String> endpoints = config.get(FloeConnectionOptions.ETCD_ENDPOINTS);
        EtcdManifestConfig.Builder b =
                EtcdManifestConfig.builder()
                        .endpoints(endpoints)
                        .namespace(config.get(FloeConnectionOptions.ETCD_NAMESPACE))
                        .requestTimeout(config.get(FloeConnectionOptions.ETCD_REQUEST_TIMEOUT));
        var user = config.getOptional(FloeConnectionOptions.ETCD_USER);
        if (user.isPresent()) {
            b.credentials(
                    user.get(), config.getOptional(FloeConnectionOptions.ETCD_PASSWORD).orElse(""));
        }
        return b.build();
    }

    private static Path localPath(ReadableConfig config) {
        return Path.of(config.get(FloeConnectionOptions.LOCAL_PATH)).toAbsolutePath();
    }

    /** Every connection option that is set, as one string: equal strings share stores. */
    private static String identity(ReadableConfig config) {
        StringBuilder id = new StringBuilder();
        for (ConfigOption<?> option : OPTIONS) {
            config.getOptional(option)
                    .ifPresent(v -> id.append(option.key()).append('=').append(v).append('\n'));
        }
        return id.toString();
    }

    private static final class Shared {
        final String id;
        final TierStores stores;
        final ManifestStore manifest;
        int references;

        Shared(String id, TierStores stores, ManifestStore manifest) {
            this.id = id;
            this.stores = stores;
            this.manifest = manifest;
        }
    }
}
