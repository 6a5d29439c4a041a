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
package dev.floe.cli.iceberg;

import dev.floe.flink.connection.ConnectionSettings;
import dev.floe.flink.connection.FloeConnectionOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * What {@code floe iceberg-rest} tells clients of Floe's catalog of stream tables ({@code
 * FloeAdmin.icebergCatalog()}): its warehouse name and their default catalog properties. Stateless.
 */
public final class IcebergRestCatalogs {

    /** The warehouse name, and path prefix, under which {@code floe iceberg-rest} serves. */
    public static final String WAREHOUSE = "floe";

    private IcebergRestCatalogs() {}

    /**
     * Where clients find the bucket, as default properties of their Iceberg catalog: S3 endpoint,
     * path-style access and region (Iceberg's {@code S3FileIO} names). Never the credentials: each
     * client brings its own. Empty for the local directory store.
     */
    public static Map<String, String> clientDefaults(ConnectionSettings settings) {
        Map<String, String> defaults = new LinkedHashMap<>();
        if (!settings.usesS3()) {
            return defaults;
        }
        Configuration config = settings.config();
        config.getOptional(FloeConnectionOptions.S3_ENDPOINT)
                .ifPresent(endpoint -> defaults.put("s3.endpoint", endpoint));
        defaults.put(
                "s3.path-style-access",
                String.valueOf(config.get(FloeConnectionOptions.S3_PATH_STYLE)));
        defaults.put("client.region", config.get(FloeConnectionOptions.S3_REGION));
        return defaults;
    }
}
