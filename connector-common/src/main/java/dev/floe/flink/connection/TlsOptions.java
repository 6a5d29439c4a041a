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

import dev.floe.wal.tls.TlsConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The one conversion of a surface's TLS file options (CA file; certificate and key files) into a
 * {@link TlsConfig}, for the connection, the sink's tail endpoint and the source's tail reader.
 * Messages name the options. Stateless.
 */
@Internal
public final class TlsOptions {

    private TlsOptions() {}

    /**
     * The files the options name; empty when none is set. Any of the options may be null when the
     * surface has no such option.
     *
     * @throws IllegalArgumentException naming the option when a certificate comes without its key
     *     (or the other way round), or a file is missing or unreadable
     */
    public static Optional<TlsConfig> of(
            ReadableConfig config,
            ConfigOption<String> caFile,
            ConfigOption<String> certFile,
            ConfigOption<String> keyFile) {
        Optional<String> ca = value(config, caFile);
        Optional<String> cert = value(config, certFile);
        Optional<String> key = value(config, keyFile);
        if (cert.isPresent() != key.isPresent()) {
            ConfigOption<String> set = cert.isPresent() ? certFile : keyFile;
            ConfigOption<String> unset = cert.isPresent() ? keyFile : certFile;
            throw new IllegalArgumentException(
                    set.key() + " is set but " + unset.key() + " is not: set both or neither");
        }
        if (ca.isEmpty() && cert.isEmpty()) {
            return Optional.empty();
        }
        TlsConfig.Builder tls = TlsConfig.builder();
        ca.ifPresent(file -> tls.caFile(Path.of(file), caFile.key()));
        if (cert.isPresent()) {
            tls.identity(Path.of(cert.get()), certFile.key(), Path.of(key.get()), keyFile.key());
        }
        return Optional.of(tls.build());
    }

    private static Optional<String> value(ReadableConfig config, ConfigOption<String> option) {
        return option == null
                ? Optional.empty()
                : config.getOptional(option).map(String::strip).filter(v -> !v.isEmpty());
    }
}
