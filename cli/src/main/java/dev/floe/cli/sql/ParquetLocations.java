package dev.floe.cli.sql;

import dev.floe.wal.manifest.ObjectDescriptor;
import java.nio.file.Path;

/**
 * Where a query engine finds a Parquet object: a file path or an {@code s3://} URL. Implementations
 * are stateless.
 */
@FunctionalInterface
public interface ParquetLocations {

    String of(ObjectDescriptor object);

    /** Objects of a local directory store rooted at {@code root} (floe.local.path/objects). */
    static ParquetLocations localDirectory(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        return o -> absolute.resolve(o.key()).toString();
    }

    /** Objects of an S3 bucket, whose store puts {@code keyPrefix} before every key. */
    static ParquetLocations s3(String bucket, String keyPrefix) {
        return o -> "s3://" + bucket + "/" + keyPrefix + o.key();
    }
}
