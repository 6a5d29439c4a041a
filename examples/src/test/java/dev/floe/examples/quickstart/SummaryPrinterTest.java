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
package dev.floe.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.connection.ConnectionArguments;
import dev.floe.flink.connection.ConnectionResolver;
import dev.floe.wal.admin.CommittedObject;
import dev.floe.wal.manifest.ObjectDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The quickstart's summary as a person reads it. */
class SummaryPrinterTest {

    @Test
    void aParquetFileThatSeveralPartitionsShareIsCountedAndListedOnce() {
        String shared = "orders/parquet/00000000000000000001-1-aa.parquet";
        StreamSummary stream =
                new StreamSummary(
                        "orders",
                        3,
                        List.of(10L, 20L, 5L),
                        List.of(
                                parquet(0, shared, 0, 10, 4096),
                                parquet(1, shared, 0, 20, 4096),
                                parquet(2, "orders/00002/parquet/a.parquet", 0, 5, 1024)),
                        "file:///tmp/objects/orders/iceberg/metadata/00003-a.metadata.json");

        String printed = print(new QuickstartResult(35, 35, 35, 35, 1.0, 1.0, stream));

        assertThat(printed)
                .contains("objects:        2 Parquet (5.0 KiB), 0 segment (0 B)")
                .contains("/tmp/objects/" + shared + "  (30 rows, 4.0 KiB)")
                .containsOnlyOnce("/tmp/objects/" + shared)
                .contains(
                        "Iceberg table:  file:///tmp/objects/orders/iceberg/metadata/00003-a.metadata.json")
                .contains(
                        "duckdb -c \"INSTALL iceberg; LOAD iceberg; SELECT count(*) FROM"
                                + " iceberg_scan('file:///tmp/objects/orders/iceberg/metadata/00003-a.metadata.json')\"");
    }

    private static CommittedObject parquet(
            int partition, String key, long start, long end, long bytes) {
        return new CommittedObject(
                partition,
                new ObjectDescriptor(
                        ObjectDescriptor.Kind.PARQUET, key, start, end, bytes, 0, 0, 1),
                "/tmp/objects/" + key);
    }

    private static String print(QuickstartResult result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new SummaryPrinter(
                        new PrintStream(bytes, true, StandardCharsets.UTF_8),
                        new Configuration(),
                        ConnectionResolver.of(Map.of())
                                .resolve(ConnectionArguments.extractFrom("--no-env-file")))
                .print(result);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
