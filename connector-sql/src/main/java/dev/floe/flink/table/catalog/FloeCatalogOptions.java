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

    public static final ConfigOption<String> LOCAL_PATH =
            ConfigOptions.key("local-path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Directory of the embedded object store and manifest, used for what"
                                    + " s3.bucket and etcd.endpoints leave unset. Unset:"
                                    + " <java.io.tmpdir>/floe.");

    public static final ConfigOption<String> S3_ENDPOINT =
            ConfigOptions.key("s3.endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "S3 endpoint URL, such as http://127.0.0.1:9000. Unset: the AWS"
                                    + " endpoint of the region.");

    public static final ConfigOption<String> S3_BUCKET =
            ConfigOptions.key("s3.bucket")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Bucket of the segment objects (and the Parquet objects unless"
                                    + " s3.parquet-bucket is set). Unset: objects are in"
                                    + " <local-path>/objects.");

    public static final ConfigOption<String> S3_PARQUET_BUCKET =
            ConfigOptions.key("s3.parquet-bucket")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Bucket of the Parquet objects. Unset: s3.bucket.");

    public static final ConfigOption<String> S3_ACCESS_KEY =
            ConfigOptions.key("s3.access-key")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("S3 access key. Unset: the AWS default credentials chain.");

    public static final ConfigOption<String> S3_SECRET_KEY =
            ConfigOptions.key("s3.secret-key")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("S3 secret key, with s3.access-key.");

    public static final ConfigOption<String> ETCD_ENDPOINTS =
            ConfigOptions.key("etcd.endpoints")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "etcd endpoints, separated by commas or semicolons. Unset: the"
                                    + " embedded manifest in <local-path>/manifest.");

    /** Every option of the catalog, in the order of the documentation. */
    static List<ConfigOption<?>> all() {
        return List.of(
                DEFAULT_DATABASE,
                LOCAL_PATH,
                S3_ENDPOINT,
                S3_BUCKET,
                S3_PARQUET_BUCKET,
                S3_ACCESS_KEY,
                S3_SECRET_KEY,
                ETCD_ENDPOINTS);
    }
}
