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
package dev.floe.cli.sql;

import dev.floe.flink.connection.FloeConnectionOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.ReadableConfig;

/**
 * What DuckDB's httpfs extension needs to read a Floe bucket, taken from the connectors' {@code
 * floe.s3.*} options: endpoint, region, credentials, URL style, whether to use TLS and its CA file.
 * The objects' {@code s3://} URLs come from {@link dev.floe.wal.admin.FloeAdmin#committedParquet}.
 * Immutable.
 *
 * @param endpoint {@code host:port} of an S3-compatible server, or null for AWS
 * @param useSsl whether the endpoint is https
 * @param region the region
 * @param accessKey static access key, or null for DuckDB's credential chain
 * @param secretKey static secret key, or null
 * @param pathStyle whether buckets are addressed by path (MinIO) rather than by host name
 * @param caFile PEM file of the CA that signs an https endpoint, or null for DuckDB's own
 */
public record DuckDbS3(
        String endpoint,
        boolean useSsl,
        String region,
        String accessKey,
        String secretKey,
        boolean pathStyle,
        String caFile) {

    /** The S3 settings of a connection, or empty if its objects are in a local directory. */
    public static Optional<DuckDbS3> fromConnection(ReadableConfig config) {
        if (config.getOptional(FloeConnectionOptions.S3_BUCKET).isEmpty()) {
            return Optional.empty();
        }
        String endpoint = null;
        boolean ssl = true;
        Optional<String> url = config.getOptional(FloeConnectionOptions.S3_ENDPOINT);
        if (url.isPresent()) {
            URI uri = URI.create(url.get());
            if (uri.getHost() == null) {
                throw new IllegalArgumentException(
                        FloeConnectionOptions.S3_ENDPOINT.key()
                                + " must be a URL such as http://127.0.0.1:9000, got "
                                + url.get());
            }
            ssl = !"http".equalsIgnoreCase(uri.getScheme());
            endpoint = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        }
        return Optional.of(
                new DuckDbS3(
                        endpoint,
                        ssl,
                        config.get(FloeConnectionOptions.S3_REGION),
                        config.getOptional(FloeConnectionOptions.S3_ACCESS_KEY).orElse(null),
                        config.getOptional(FloeConnectionOptions.S3_SECRET_KEY).orElse(null),
                        config.get(FloeConnectionOptions.S3_PATH_STYLE),
                        config.getOptional(FloeConnectionOptions.S3_TLS_CA_FILE).orElse(null)));
    }

    /**
     * The statements that let DuckDB read the bucket: load httpfs (which DuckDB downloads on first
     * use) and create a session secret.
     *
     * @param redactSecret whether to print a placeholder instead of the secret key
     */
    public List<String> statements(boolean redactSecret) {
        List<String> params = new ArrayList<>();
        params.add("TYPE s3");
        if (accessKey != null) {
            params.add("KEY_ID " + DuckDbQuery.literal(accessKey));
            params.add(
                    "SECRET " + (redactSecret ? "'<secret key>'" : DuckDbQuery.literal(secretKey)));
        } else {
            params.add("PROVIDER credential_chain");
        }
        params.add("REGION " + DuckDbQuery.literal(region));
        if (endpoint != null) {
            params.add("ENDPOINT " + DuckDbQuery.literal(endpoint));
        }
        params.add("URL_STYLE " + (pathStyle ? "'path'" : "'vhost'"));
        params.add("USE_SSL " + useSsl);
        List<String> statements = new ArrayList<>(List.of("INSTALL httpfs", "LOAD httpfs"));
        if (caFile != null) {
            // httpfs checks server certificates only when asked to.
            statements.add("SET ca_cert_file = " + DuckDbQuery.literal(caFile));
            statements.add("SET enable_server_cert_verification = true");
        }
        statements.add("CREATE OR REPLACE SECRET floe_s3 (" + String.join(", ", params) + ")");
        return statements;
    }
}
