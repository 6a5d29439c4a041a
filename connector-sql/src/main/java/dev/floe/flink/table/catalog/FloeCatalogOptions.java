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
package dev.floe.flink.table.catalog;

import dev.floe.flink.table.FloeTableOptions;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Options of the {@code floe} catalog ({@code CREATE CATALOG c WITH ('type' = 'floe', ...)}): which
 * namespace it shows and where its streams live. The connection options have the keys of the {@code
 * floe} table factory's, and every other {@code floe.*} connection option (such as {@code
 * floe.s3.region}) is taken as it is. Stateless.
 */
@PublicEvolving
public final class FloeCatalogOptions {

    private FloeCatalogOptions() {}

    /** Where {@code floe.*} options that have no key of their own here are passed as they are. */
    public static final String PASS_THROUGH_PREFIX = "floe.";

    public static final ConfigOption<String> DEFAULT_DATABASE =
            ConfigOptions.key("default-database")
                    .stringType()
                    .defaultValue("default")
                    .withDescription(
                            "The Floe namespace the catalog shows as its one database (the"
                                    + " manifest keys under /floe/<namespace>/).");

    /** Every option of the catalog, in the order of the documentation. */
    static List<ConfigOption<?>> all() {
        return List.of(
                DEFAULT_DATABASE,
                FloeTableOptions.LOCAL_PATH,
                FloeTableOptions.S3_ENDPOINT,
                FloeTableOptions.S3_BUCKET,
                FloeTableOptions.S3_PARQUET_BUCKET,
                FloeTableOptions.S3_ACCESS_KEY,
                FloeTableOptions.S3_SECRET_KEY,
                FloeTableOptions.ETCD_ENDPOINTS);
    }
}
