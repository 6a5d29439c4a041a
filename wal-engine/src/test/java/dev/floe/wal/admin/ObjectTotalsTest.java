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
package dev.floe.wal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.manifest.ObjectDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectTotalsTest {

    @Test
    void aSharedParquetObjectCountsOnceAndEachSectionOfABatchObjectOnItsOwn() {
        String shared = "orders/parquet/00000000000000000001-1-aa.parquet";
        String batch = "orders/batches/00000000000000000001-bb.seg";
        ObjectTotals totals =
                ObjectTotals.of(
                        List.of(
                                object(ObjectDescriptor.Kind.PARQUET, shared, 900, 0),
                                object(ObjectDescriptor.Kind.PARQUET, shared, 900, 0),
                                object(ObjectDescriptor.Kind.SEGMENT, batch, 100, 0),
                                object(ObjectDescriptor.Kind.SEGMENT, batch, 50, 100),
                                object(ObjectDescriptor.Kind.SEGMENT, "orders/00000/x.seg", 7, 0)));

        assertThat(totals.objects()).isEqualTo(4);
        assertThat(totals.bytes()).isEqualTo(900 + 100 + 50 + 7);
    }

    private static ObjectDescriptor object(
            ObjectDescriptor.Kind kind, String key, long size, long sectionOffset) {
        return new ObjectDescriptor(kind, key, 0, 10, size, 0, 0, 1, sectionOffset);
    }
}
