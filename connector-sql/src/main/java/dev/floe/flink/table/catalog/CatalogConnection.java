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

import dev.floe.flink.connection.ConnectionResolver;
import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.table.internal.TableSettings;
import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;

/**
 * A catalog's connection, read once from its options: the namespace, the {@code floe.*} options its
 * admin opens the stores with, and the options that give each of its tables the same stores.
 * Immutable.
 */
@Internal
final class CatalogConnection {

    /** Each catalog option and the connection option it sets. */
    private static final Map<ConfigOption<String>, ConfigOption<?>> CONNECTION_OPTIONS =
            TableSettings.CONNECTION;

    private final String namespace;
    private final Configuration floeOptions;
    private final Map<String, String> tableOptions;

    private CatalogConnection(
            String namespace, Configuration floeOptions, Map<String, String> tableOptions) {
        this.namespace = namespace;
        this.floeOptions = floeOptions;
        this.tableOptions = Map.copyOf(tableOptions);
    }

    /**
     * Reads the connection from a catalog's options; other keys are ignored.
     *
     * @throws ValidationException naming the catalog and the option that is wrong
     */
    static CatalogConnection of(String catalog, Map<String, String> options) {
        String namespace =
                options.getOrDefault(
                        FloeCatalogOptions.DEFAULT_DATABASE.key(),
                        FloeCatalogOptions.DEFAULT_DATABASE.defaultValue());
        Configuration floeOptions = new Configuration();
        Map<String, String> tableOptions = new TreeMap<>();
        try {
            EtcdManifestConfig.builder().namespace(namespace);
            CONNECTION_OPTIONS.forEach(
                    (option, floeOption) -> {
                        String value = options.get(option.key());
                        if (value != null) {
                            tableOptions.put(option.key(), set(floeOptions, floeOption, value));
                        }
                    });
            options.forEach(
                    (key, value) -> {
                        if (key.startsWith(FloeCatalogOptions.PASS_THROUGH_PREFIX)) {
                            checkPassedThrough(key);
                            floeOptions.setString(key, value);
                            tableOptions.put(key, value);
                        }
                    });
            if (!namespace.equals(FloeConnectionOptions.ETCD_NAMESPACE.defaultValue())) {
                // Set only when it differs, so that tables written without the catalog share its
                // stores: stores are shared between options that set the same keys.
                floeOptions.set(FloeConnectionOptions.ETCD_NAMESPACE, namespace);
                tableOptions.put(FloeConnectionOptions.ETCD_NAMESPACE.key(), namespace);
            }
            FloeConnection.validate(floeOptions);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("Floe catalog '" + catalog + "': " + e.getMessage(), e);
        }
        return new CatalogConnection(namespace, floeOptions, tableOptions);
    }

    /** The namespace the catalog shows as its database. */
    String namespace() {
        return namespace;
    }

    /** The {@code floe.*} options of the stores; a copy. */
    Configuration floeOptions() {
        return new Configuration(floeOptions);
    }

    /** The connection options of each table, with the keys the catalog was given. */
    Map<String, String> tableOptions() {
        return tableOptions;
    }

    /** Sets the connection option; returns the value for the tables, as Flink lists it. */
    private static String set(Configuration config, ConfigOption<?> floeOption, String value) {
        if (floeOption == FloeConnectionOptions.ETCD_ENDPOINTS) {
            List<String> endpoints = ConnectionResolver.splitEndpoints(value);
            EtcdManifestConfig.builder().endpoints(endpoints);
            config.set(FloeConnectionOptions.ETCD_ENDPOINTS, endpoints);
            return String.join(";", endpoints);
        }
        config.setString(floeOption.key(), value);
        return value;
    }

    private static void checkPassedThrough(String key) {
        if (key.equals(FloeConnectionOptions.ETCD_NAMESPACE.key())) {
            throw new IllegalArgumentException(
                    "set the namespace with '"
                            + FloeCatalogOptions.DEFAULT_DATABASE.key()
                            + "', not '"
                            + key
                            + "'");
        }
        CONNECTION_OPTIONS.forEach(
                (option, floeOption) -> {
                    if (floeOption.key().equals(key)) {
                        throw new IllegalArgumentException(
                                "set '" + option.key() + "', not '" + key + "'");
                    }
                });
    }
}
