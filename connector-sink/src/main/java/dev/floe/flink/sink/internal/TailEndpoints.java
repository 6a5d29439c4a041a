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
package dev.floe.flink.sink.internal;

import dev.floe.flink.connection.TlsOptions;
import dev.floe.flink.sink.FloeSetupException;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.wal.tail.TailLimits;
import dev.floe.wal.tail.TailServer;
import dev.floe.wal.tls.TlsConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

/** Starts a writer's tail endpoint as its options say, and names its advertised address. */
final class TailEndpoints {

    private TailEndpoints() {}

    static TailServer start(ReadableConfig config) throws IOException {
        String range = config.get(FloeSinkOptions.TAIL_PORT_RANGE).trim();
        int first;
        int last;
        try {
            int dash = range.indexOf('-');
            first = Integer.parseInt(dash < 0 ? range : range.substring(0, dash).trim());
            last = dash < 0 ? first : Integer.parseInt(range.substring(dash + 1).trim());
        } catch (NumberFormatException e) {
            throw new FloeSetupException(
                    FloeSinkOptions.TAIL_PORT_RANGE.key()
                            + " must be a port or a range such as 50100-50200, got '"
                            + range
                            + "'");
        }
        if (first < 0 || last > 65535 || last < first) {
            throw new FloeSetupException(
                    FloeSinkOptions.TAIL_PORT_RANGE.key() + " is not a valid range: " + range);
        }
        return TailServer.start(
                InetAddress.getByName(config.get(FloeSinkOptions.TAIL_BIND_ADDRESS)),
                first,
                last,
                config.getOptional(FloeSinkOptions.TAIL_TOKEN).orElse(""),
                limits(config),
                tls(config));
    }

    /** The endpoint's certificate and key (checked as a pair when the sink was built), or null. */
    private static TlsConfig tls(ReadableConfig config) {
        return TlsOptions.of(
                        config,
                        null,
                        FloeSinkOptions.TAIL_TLS_CERT_FILE,
                        FloeSinkOptions.TAIL_TLS_KEY_FILE)
                .orElse(null);
    }

    static TailLimits limits(ReadableConfig config) {
        return new TailLimits(
                atLeastOne(config, FloeSinkOptions.TAIL_MAX_CONNECTIONS),
                positive(config, FloeSinkOptions.TAIL_MAX_LAG),
                positive(config, FloeSinkOptions.TAIL_WRITE_TIMEOUT),
                atLeastOne(config, FloeSinkOptions.TAIL_SERVING_THREADS));
    }

    private static int atLeastOne(ReadableConfig config, ConfigOption<Integer> option) {
        int value = config.get(option);
        if (value < 1) {
            throw new FloeSetupException(option.key() + " must be at least 1, got " + value);
        }
        return value;
    }

    private static Duration positive(ReadableConfig config, ConfigOption<Duration> option) {
        Duration value = config.get(option);
        if (value.isNegative() || value.isZero()) {
            throw new FloeSetupException(option.key() + " must be positive, got " + value);
        }
        return value;
    }

    /** {@code host:port} readers connect to. */
    static String advertised(ReadableConfig config, TailServer server) throws IOException {
        String host =
                config.getOptional(FloeSinkOptions.TAIL_ADVERTISED_HOST)
                        .orElseGet(
                                () -> {
                                    String bind = config.get(FloeSinkOptions.TAIL_BIND_ADDRESS);
                                    return bind.equals("0.0.0.0") ? localHostName() : bind;
                                });
        return host + ":" + server.port();
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "127.0.0.1";
        }
    }
}
