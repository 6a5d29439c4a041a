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

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;

/**
 * The connection options that have a command-line flag and a {@code FLOE_*} environment variable,
 * both named after the option's key: {@code floe.s3.bucket} is {@code --s3-bucket} and {@code
 * FLOE_S3_BUCKET}. The one table from which the {@code floe} command, the quickstart and the
 * example jobs take their connection flags; the other connection options are set with {@code -D
 * floe.<key>=<value>}. Immutable.
 */
@PublicEvolving
public enum ConnectionFlag {
    LOCAL_PATH(
            FloeConnectionOptions.LOCAL_PATH,
            "DIR",
            "directory of the embedded object store and manifest"),
    S3_ENDPOINT(
            FloeConnectionOptions.S3_ENDPOINT, "URL", "S3 endpoint, e.g. http://127.0.0.1:9000"),
    S3_REGION(FloeConnectionOptions.S3_REGION, "REGION", "S3 signing region"),
    S3_BUCKET(
            FloeConnectionOptions.S3_BUCKET,
            "NAME",
            "bucket of the objects; selects S3 over the local directory",
            "--bucket"),
    S3_PARQUET_BUCKET(
            FloeConnectionOptions.S3_PARQUET_BUCKET,
            "NAME",
            "bucket of the Parquet objects, when apart from the segment objects",
            "--parquet-bucket"),
    S3_KEY_PREFIX(FloeConnectionOptions.S3_KEY_PREFIX, "PREFIX", "prefix of every object key"),
    S3_ACCESS_KEY(
            FloeConnectionOptions.S3_ACCESS_KEY,
            "KEY",
            "S3 access key (default: the AWS credentials chain)",
            "--access-key"),
    S3_SECRET_KEY(
            FloeConnectionOptions.S3_SECRET_KEY,
            "KEY",
            "S3 secret key, with the access key",
            "--secret-key"),
    S3_TLS_CA_FILE(
            FloeConnectionOptions.S3_TLS_CA_FILE,
            "FILE",
            "PEM CA of an https S3 endpoint (default: the JVM's trust store)"),
    ETCD_ENDPOINTS(
            FloeConnectionOptions.ETCD_ENDPOINTS,
            "URLS",
            "etcd endpoints, comma-separated; selects etcd over the embedded manifest",
            "--etcd"),
    ETCD_NAMESPACE(
            FloeConnectionOptions.ETCD_NAMESPACE,
            "NS",
            "namespace of the manifest keys",
            "--namespace"),
    ETCD_USER(FloeConnectionOptions.ETCD_USER, "USER", "etcd user, when etcd checks users"),
    ETCD_PASSWORD(FloeConnectionOptions.ETCD_PASSWORD, "PASSWORD", "etcd password, with the user"),
    ETCD_TLS_CA_FILE(
            FloeConnectionOptions.ETCD_TLS_CA_FILE,
            "FILE",
            "PEM CA of https etcd endpoints (default: the JVM's trust store)"),
    ETCD_TLS_CERT_FILE(
            FloeConnectionOptions.ETCD_TLS_CERT_FILE,
            "FILE",
            "PEM client certificate for etcd, with the key file"),
    ETCD_TLS_KEY_FILE(
            FloeConnectionOptions.ETCD_TLS_KEY_FILE,
            "FILE",
            "PKCS#8 PEM key of the etcd client certificate");

    private static final String KEY_PREFIX = "floe.";

    private final ConfigOption<?> option;
    private final String paramLabel;
    private final String description;
    private final List<String> names;

    ConnectionFlag(
            ConfigOption<?> option, String paramLabel, String description, String... aliases) {
        this.option = option;
        this.paramLabel = paramLabel;
        this.description = description;
        String flag = "--" + option.key().substring(KEY_PREFIX.length()).replace('.', '-');
        this.names = Stream.concat(Stream.of(flag), Arrays.stream(aliases)).toList();
    }

    /** The option this flag sets. */
    public ConfigOption<?> option() {
        return option;
    }

    /** The flag, such as {@code --s3-bucket}. */
    public String flag() {
        return names.get(0);
    }

    /** The flag first, then its shorter aliases (such as {@code --etcd}). */
    public List<String> names() {
        return names;
    }

    /** The environment variable, such as {@code FLOE_S3_BUCKET}. */
    public String variable() {
        return "FLOE_"
                + option.key()
                        .substring(KEY_PREFIX.length())
                        .replace('.', '_')
                        .replace('-', '_')
                        .toUpperCase(Locale.ROOT);
    }

    /** What the flag's value is, for help texts, such as {@code URL}. */
    public String paramLabel() {
        return paramLabel;
    }

    /** One line for help texts. */
    public String description() {
        return description;
    }

    /** The flag of this name or alias. */
    public static Optional<ConnectionFlag> named(String name) {
        return Arrays.stream(values()).filter(f -> f.names.contains(name)).findFirst();
    }
}
