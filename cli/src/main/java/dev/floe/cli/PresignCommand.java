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

import dev.floe.flink.connection.ConnectionSettings;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.StoredObject;
import dev.floe.wal.manifest.ObjectDescriptor;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@code floe presign STREAM OBJECT_KEY [--expires 15m]}: a time-limited GET URL of one object, for
 * handing it to a tool that has no credentials. Not thread-safe.
 */
@Command(
        name = "presign",
        description =
                "Print a time-limited GET URL of one object of the stream (S3); for the local"
                        + " directory store, its file:// path.")
final class PresignCommand extends SessionCommand {

    /** The longest validity of a SigV4 presigned URL. */
    static final Duration MAX_EXPIRY = Duration.ofDays(7);

    @Parameters(index = "0", paramLabel = "STREAM", description = "The stream.")
    String stream;

    @Parameters(
            index = "1",
            paramLabel = "OBJECT_KEY",
            description = "The object's key, as floe objects prints it.")
    String key;

    @Option(
            names = "--expires",
            paramLabel = "DURATION",
            description = "How long the URL is valid (default: 15m, at most 7 days).")
    Duration expires = Duration.ofMinutes(15);

    @Override
    int run(FloeAdmin admin) throws IOException {
        admin.stream(stream);
        if (!key.startsWith(stream + "/")) {
            throw new CliException(
                    "object key "
                            + key
                            + " is not under stream "
                            + stream
                            + " ("
                            + stream
                            + "/...)");
        }
        if (expires.isNegative() || expires.isZero() || expires.compareTo(MAX_EXPIRY) > 0) {
            throw new CliException("--expires must be between 1s and 7d, got " + expires);
        }
        StoredObject object =
                admin.findObject(key)
                        .orElseThrow(
                                () ->
                                        new CliException(
                                                "there is no object "
                                                        + key
                                                        + " in "
                                                        + admin.describe().storeOf(key)));
        ConnectionSettings settings = settings();
        if (!settings.usesS3()) {
            out().println(Path.of(object.location()).toUri());
            err().println(
                            "(local directory store: this is a file path on this machine, not a URL; it"
                                    + " does not expire)");
            return 0;
        }
        out().println(presign(settings.config(), object.kind(), key, expires));
        err().println("(valid for " + expires + ")");
        return 0;
    }

    static String presign(
            Configuration config, ObjectDescriptor.Kind kind, String key, Duration expires) {
        String bucket = config.get(FloeConnectionOptions.S3_BUCKET);
        if (kind == ObjectDescriptor.Kind.PARQUET) {
            bucket = config.getOptional(FloeConnectionOptions.S3_PARQUET_BUCKET).orElse(bucket);
        }
        String fullKey = config.get(FloeConnectionOptions.S3_KEY_PREFIX) + key;
        S3Presigner.Builder builder =
                S3Presigner.builder()
                        .region(Region.of(config.get(FloeConnectionOptions.S3_REGION)))
                        .credentialsProvider(credentials(config))
                        .serviceConfiguration(
                                S3Configuration.builder()
                                        .pathStyleAccessEnabled(
                                                config.get(FloeConnectionOptions.S3_PATH_STYLE))
                                        .build());
        config.getOptional(FloeConnectionOptions.S3_ENDPOINT)
                .ifPresent(e -> builder.endpointOverride(URI.create(e)));
        String finalBucket = bucket;
        try (S3Presigner presigner = builder.build()) {
            return presigner
                    .presignGetObject(
                            r ->
                                    r.signatureDuration(expires)
                                            .getObjectRequest(
                                                    g -> g.bucket(finalBucket).key(fullKey)))
                    .url()
                    .toString();
        }
    }

    private static AwsCredentialsProvider credentials(Configuration config) {
        var access = config.getOptional(FloeConnectionOptions.S3_ACCESS_KEY);
        var secret = config.getOptional(FloeConnectionOptions.S3_SECRET_KEY);
        if (access.isPresent() && secret.isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(access.get(), secret.get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
