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

import dev.floe.wal.admin.CommittedObject;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.LocalLayout;
import dev.floe.wal.admin.StoreSettings;
import dev.floe.wal.manifest.ObjectDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart on embedded defaults, small: what it prints and what it leaves on disk. */
class QuickstartITCase {

    @TempDir Path dir;

    @Test
    void readsBackEveryOrderWrittenAndLeavesParquetFiles() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        QuickstartResult result = run(printed);

        assertThat(result.recordsIn()).isEqualTo(5_000);
        assertThat(result.recordsOut()).isEqualTo(5_000);
        assertThat(result.distinctOrdersOut()).isEqualTo(5_000);
        assertThat(result.stream().partitions()).isEqualTo(4);
        assertThat(result.stream().committedRecords()).isEqualTo(5_000);

        List<CommittedObject> parquet = result.stream().objectsOf(ObjectDescriptor.Kind.PARQUET);
        assertThat(parquet).isNotEmpty();
        assertThat(parquet.stream().mapToLong(o -> o.descriptor().recordCount()).sum())
                .isEqualTo(5_000);
        for (CommittedObject o : parquet) {
            Path file = Path.of(o.location());
            assertThat(file).startsWith(LocalLayout.objects(dir)).isRegularFile();
            assertThat(magicAtBothEnds(file)).as("Parquet magic of %s", file).isTrue();
        }

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains("records in:     5,000")
                .contains("records out:    5,000  (match")
                .contains(parquet.get(0).location())
                .contains("scripts/floe sql orders")
                .contains("scripts/floe verify orders")
                .contains("Iceberg table:  " + result.stream().icebergMetadata());
        assertTheIcebergTableHoldsEveryOrderOnce(5_000);
    }

    /** Iceberg's own reader reads the stream's table: every order once, typed columns by name. */
    private void assertTheIcebergTableHoldsEveryOrderOnce(int orders) throws Exception {
        try (FloeAdmin admin = FloeAdmin.open(StoreSettings.embedded(dir))) {
            Table table =
                    admin.icebergCatalog().loadTable(admin.icebergCatalog().identifier("orders"));
            Set<Long> orderIds = new HashSet<>();
            Set<String> positions = new HashSet<>();
            long rows = 0;
            try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
                for (Record r : read) {
                    rows++;
                    orderIds.add((Long) r.getField("order_id"));
                    positions.add(r.getField("_partition") + "/" + r.getField("_offset"));
                    assertThat(r.getField("customer")).isInstanceOf(String.class);
                    assertThat(r.getField("amount")).isInstanceOf(Double.class);
                    assertThat(r.getField("event_time")).isInstanceOf(OffsetDateTime.class);
                }
            }
            assertThat(rows).isEqualTo(orders);
            assertThat(orderIds).hasSize(orders);
            assertThat(positions).hasSize(orders);
        }
    }

    @Test
    void aSecondRunAppendsAndReadsBackOnlyItsOwnOrders() throws Exception {
        run(new ByteArrayOutputStream());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        QuickstartResult second = run(printed);

        assertThat(second.matches()).isTrue();
        assertThat(second.recordsOut()).isEqualTo(5_000);
        assertThat(second.stream().committedRecords()).isEqualTo(10_000);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("exists with 5,000 records");
    }

    @Test
    void aStreamOf256PartitionsReadsBackEveryOrderOnce() throws Exception {
        QuickstartResult result = run(new ByteArrayOutputStream(), "--partitions", "256");

        assertEveryOrderReadBackOnceAndTiered(result, 5_000, 256);
    }

    /**
     * The run committed {@code orders} orders into {@code partitions} partitions, read each back
     * once, and left them all in Parquet.
     */
    static void assertEveryOrderReadBackOnceAndTiered(
            QuickstartResult result, long orders, int partitions) {
        assertThat(result.matches()).as("%s", result).isTrue();
        assertThat(result.recordsOut()).isEqualTo(orders);
        assertThat(result.distinctOrdersOut()).isEqualTo(orders);
        assertThat(result.stream().partitions()).isEqualTo(partitions);
        assertThat(result.stream().committedRecords()).isEqualTo(orders);
        assertThat(
                        result.stream().objectsOf(ObjectDescriptor.Kind.PARQUET).stream()
                                .mapToLong(o -> o.descriptor().recordCount())
                                .sum())
                .as("records tiered to Parquet")
                .isEqualTo(orders);
    }

    private QuickstartResult run(ByteArrayOutputStream printed, String... more) throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--orders",
                                "5000",
                                "--checkpoint-interval",
                                "500ms",
                                "--local-path",
                                dir.toString()));
        args.addAll(List.of(more));
        return Quickstart.run(
                new PrintStream(printed, true, StandardCharsets.UTF_8),
                args.toArray(String[]::new));
    }

    private static boolean magicAtBothEnds(Path file) throws Exception {
        byte[] head = new byte[4];
        byte[] tail = new byte[4];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.readFully(head);
            f.seek(Files.size(file) - 4);
            f.readFully(tail);
        }
        byte[] magic = "PAR1".getBytes(StandardCharsets.US_ASCII);
        return java.util.Arrays.equals(head, magic) && java.util.Arrays.equals(tail, magic);
    }
}
