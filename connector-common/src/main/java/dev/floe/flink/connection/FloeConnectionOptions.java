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
package dev.floe.flink.connection;

import java.time.Duration;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/**
 * Where a Floe stream lives: the object store (S3-compatible, or a local directory by default) and
 * the manifest store (etcd, or embedded by default). Shared by the sink and the source. Stateless.
 */
@PublicEvolving
public final class FloeConnectionOptions {

    private FloeConnectionOptions() {}

    public static final ConfigOption<String> LOCAL_PATH =
            ConfigOptions.key("floe.local.path")
                    .stringType()
                    .defaultValue(System.getProperty("java.io.tmpdir") + "/floe")
                    .withDescription(
                            "Directory of the embedded defaults: objects are kept under"
                                    + " <path>/objects when no S3 bucket is set, and the manifest"
                                    + " under <path>/manifest when no etcd endpoint is set. The"
                                    + " embedded manifest serves one process only.");

    public static final ConfigOption<String> S3_ENDPOINT =
            ConfigOptions.key("floe.s3.endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "S3 endpoint URL, such as http://127.0.0.1:9000 for MinIO. Unset:"
                                    + " the AWS endpoint of the region.");

    public static final ConfigOption<String> S3_REGION =
            ConfigOptions.key("floe.s3.region")
                    .stringType()
                    .defaultValue("us-east-1")
                    .withDescription("S3 region.");

    public static final ConfigOption<String> S3_BUCKET =
            ConfigOptions.key("floe.s3.bucket")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Bucket for segment objects (and Parquet objects unless"
                                    + " floe.s3.parquet-bucket is set). Setting it selects S3 as"
                                    + " the object store.");

    public static final ConfigOption<String> S3_PARQUET_BUCKET =
            ConfigOptions.key("floe.s3.parquet-bucket")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Bucket for Parquet objects, when they go apart from the raw segment"
                                    + " objects (a medallion layout). Unset: floe.s3.bucket.");

    public static final ConfigOption<String> S3_KEY_PREFIX =
            ConfigOptions.key("floe.s3.key-prefix")
                    .stringType()
                    .defaultValue("")
                    .withDescription("Prefix of every object key, such as 'floe/'.");

    public static final ConfigOption<String> S3_ACCESS_KEY =
            ConfigOptions.key("floe.s3.access-key")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "S3 access key. Unset: the AWS default credentials chain"
                                    + " (environment, profile, instance role).");

    public static final ConfigOption<String> S3_SECRET_KEY =
            ConfigOptions.key("floe.s3.secret-key")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("S3 secret key, with floe.s3.access-key.");

    public static final ConfigOption<Boolean> S3_PATH_STYLE =
            ConfigOptions.key("floe.s3.path-style-access")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Address buckets by path (http://host/bucket/key), as MinIO expects.");

    public static final ConfigOption<Boolean> S3_CREATE_BUCKET =
            ConfigOptions.key("floe.s3.create-bucket")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("Create the buckets when they do not exist.");

    public static final ConfigOption<MemorySize> S3_PART_SIZE =
            ConfigOptions.key("floe.s3.part-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("8mb"))
                    .withDescription(
                            "Part size of multipart uploads (5 MiB to 1 GiB); one part is in"
                                    + " flight per upload while the next fills.");

    public static final ConfigOption<Duration> S3_API_CALL_TIMEOUT =
            ConfigOptions.key("floe.s3.api-call-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription("Time limit of one S3 call, retries included.");

    public static final ConfigOption<String> S3_TLS_CA_FILE =
            ConfigOptions.key("floe.s3.tls.ca-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "PEM file of the CA certificates an https S3 endpoint's certificate"
                                    + " must be signed by, for a private CA. Unset: the JVM's"
                                    + " trust store.");

    public static final ConfigOption<List<String>> ETCD_ENDPOINTS =
            ConfigOptions.key("floe.etcd.endpoints")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "etcd endpoints, such as http://127.0.0.1:2379, or https:// ones"
                                    + " for TLS. Setting them selects etcd as the manifest store.");

    public static final ConfigOption<String> ETCD_NAMESPACE =
            ConfigOptions.key("floe.etcd.namespace")
                    .stringType()
                    .defaultValue("default")
                    .withDescription(
                            "Namespace of the manifest keys (/floe/<namespace>/...); also used by"
                                    + " the embedded manifest.");

    public static final ConfigOption<String> ETCD_USER =
            ConfigOptions.key("floe.etcd.user")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "etcd user, when etcd has authentication enabled; its role needs"
                                    + " readwrite on /floe/<namespace>/.");

    public static final ConfigOption<String> ETCD_PASSWORD =
            ConfigOptions.key("floe.etcd.password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("etcd password, with floe.etcd.user.");

    public static final ConfigOption<Duration> ETCD_REQUEST_TIMEOUT =
            ConfigOptions.key("floe.etcd.request-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription("Time limit of one etcd request.");

    public static final ConfigOption<String> ETCD_TLS_CA_FILE =
            ConfigOptions.key("floe.etcd.tls.ca-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "PEM file of the CA certificates the etcd members' certificates must"
                                    + " be signed by (https endpoints). Unset: the JVM's trust"
                                    + " store.");

    public static final ConfigOption<String> ETCD_TLS_CERT_FILE =
            ConfigOptions.key("floe.etcd.tls.cert-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "PEM client certificate for etcd's --client-cert-auth, with"
                                    + " floe.etcd.tls.key-file. Unset: no client certificate.");

    public static final ConfigOption<String> ETCD_TLS_KEY_FILE =
            ConfigOptions.key("floe.etcd.tls.key-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----) of"
                                    + " floe.etcd.tls.cert-file.");

    /** Every connection option, in the order of the documentation. */
    static List<ConfigOption<?>> all() {
        return List.of(
                LOCAL_PATH,
                S3_ENDPOINT,
                S3_REGION,
                S3_BUCKET,
                S3_PARQUET_BUCKET,
                S3_KEY_PREFIX,
                S3_ACCESS_KEY,
                S3_SECRET_KEY,
                S3_PATH_STYLE,
                S3_CREATE_BUCKET,
                S3_PART_SIZE,
                S3_API_CALL_TIMEOUT,
                S3_TLS_CA_FILE,
                ETCD_ENDPOINTS,
                ETCD_NAMESPACE,
                ETCD_USER,
                ETCD_PASSWORD,
                ETCD_REQUEST_TIMEOUT,
                ETCD_TLS_CA_FILE,
                ETCD_TLS_CERT_FILE,
                ETCD_TLS_KEY_FILE);
    }
}
