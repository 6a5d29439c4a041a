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
package dev.floe.flink.sink.bench;

import dev.floe.wal.testing.EtcdServer;
import dev.floe.wal.testing.PrometheusSamples;
import dev.floe.wal.testing.S3ProxyServer;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Requests the servers counted, from their Prometheus metrics: S3Proxy's requests on one bucket by
 * S3 operation ({@code PutObject}, {@code UploadPart}, ...) and etcd's completed gRPC calls by
 * method ({@code Txn}, {@code Range}, {@code Put}, ...), whatever their outcome; each ordered by
 * name. Immutable.
 */
record RequestCounts(Map<String, Long> s3ByOperation, Map<String, Long> etcdByMethod) {

    private static final String S3_REQUESTS = "http_server_request_duration_seconds_count";
    private static final String ETCD_CALLS = "grpc_server_handled_total";

    RequestCounts {
        s3ByOperation = Collections.unmodifiableMap(new TreeMap<>(s3ByOperation));
        etcdByMethod = Collections.unmodifiableMap(new TreeMap<>(etcdByMethod));
    }

    /** The counts so far: S3 requests on {@code bucket}, and every etcd call. */
    static RequestCounts scrape(S3ProxyServer s3, String bucket, EtcdServer etcd)
            throws IOException {
        return new RequestCounts(
                longs(
                        PrometheusSamples.scrape(s3.metricsEndpoint())
                                .sumBy(S3_REQUESTS, "s3_operation", Map.of("s3_bucket", bucket))),
                longs(
                        PrometheusSamples.scrape(etcd.metricsEndpoint())
                                .sumBy(ETCD_CALLS, "grpc_method", Map.of())));
    }

    /** The requests counted since {@code earlier}; only kinds that occurred. */
    RequestCounts since(RequestCounts earlier) {
        return new RequestCounts(
                minus(s3ByOperation, earlier.s3ByOperation),
                minus(etcdByMethod, earlier.etcdByMethod));
    }

    long s3Requests() {
        return s3ByOperation.values().stream().mapToLong(Long::longValue).sum();
    }

    long s3(String operation) {
        return s3ByOperation.getOrDefault(operation, 0L);
    }

    long etcd(String method) {
        return etcdByMethod.getOrDefault(method, 0L);
    }

    private static Map<String, Long> longs(Map<String, Double> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, Math.round(v)));
        return out;
    }

    private static Map<String, Long> minus(Map<String, Long> now, Map<String, Long> earlier) {
        Map<String, Long> out = new TreeMap<>();
        now.forEach(
                (k, v) -> {
                    long d = v - earlier.getOrDefault(k, 0L);
                    if (d != 0) {
                        out.put(k, d);
                    }
                });
        return out;
    }
}
