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
package dev.floe.wal.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusSamplesTest {

    private static final String SCRAPE =
            """
            # HELP grpc_server_handled_total Total number of RPCs completed on the server.
            # TYPE grpc_server_handled_total counter
            grpc_server_handled_total{grpc_code="OK",grpc_method="Txn",grpc_service="etcdserverpb.KV"} 7
            grpc_server_handled_total{grpc_code="FailedPrecondition",grpc_method="Txn",grpc_service="etcdserverpb.KV"} 2
            grpc_server_handled_total{grpc_code="OK",grpc_method="Range",grpc_service="etcdserverpb.KV"} 1.5e3
            etcd_mvcc_txn_total 9
            requests_count{bucket="a \\"quoted\\" b",op="PutObject"} 3 1700000000000
            requests_count{bucket="other",op="PutObject"} 4
            requests_bucket{le="+Inf",op="PutObject"} +Inf
            """;

    @Test
    void sumsAMetricPerLabelValue() {
        PrometheusSamples samples = PrometheusSamples.parse(SCRAPE);

        assertThat(samples.sumBy("grpc_server_handled_total", "grpc_method", Map.of()))
                .containsExactly(Map.entry("Range", 1500.0), Map.entry("Txn", 9.0));
    }

    @Test
    void keepsOnlySamplesWithTheFilterLabels() {
        PrometheusSamples samples = PrometheusSamples.parse(SCRAPE);

        assertThat(samples.sumBy("requests_count", "op", Map.of("bucket", "a \"quoted\" b")))
                .containsExactly(Map.entry("PutObject", 3.0));
        assertThat(samples.sumBy("requests_count", "op", Map.of("bucket", "missing"))).isEmpty();
    }

    @Test
    void readsSamplesWithoutLabelsAndInfiniteValues() {
        PrometheusSamples samples = PrometheusSamples.parse(SCRAPE);

        assertThat(samples.samples())
                .contains(
                        new PrometheusSamples.Sample("etcd_mvcc_txn_total", Map.of(), 9.0),
                        new PrometheusSamples.Sample(
                                "requests_bucket",
                                Map.of("le", "+Inf", "op", "PutObject"),
                                Double.POSITIVE_INFINITY));
    }

    @Test
    void rejectsAnUnterminatedSample() {
        assertThatThrownBy(() -> PrometheusSamples.parse("requests_count{op=\"PutObject"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requests_count{op=\"PutObject");
    }
}
