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
package dev.floe.examples.gold;

import dev.floe.examples.aggregates.CurrencyWindow;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** The curated (gold) table of per-currency window aggregates, as Avro records. Stateless. */
public final class GoldRecords {

    /** Schema of the gold table; its fields are the Parquet columns. */
    public static final Schema CURRENCY_WINDOWS =
            new Schema.Parser()
                    .parse(
                            """
                            {"type": "record", "name": "CurrencyWindow",
                             "namespace": "dev.floe.examples.gold",
                             "fields": [
                               {"name": "window_start",
                                "type": {"type": "long", "logicalType": "timestamp-millis"}},
                               {"name": "window_end",
                                "type": {"type": "long", "logicalType": "timestamp-millis"}},
                               {"name": "currency", "type": "string"},
                               {"name": "orders", "type": "long"},
                               {"name": "revenue", "type": "double"},
                               {"name": "max_amount", "type": "double"}
                             ]}
                            """);

    private GoldRecords() {}

    public static GenericRecord of(CurrencyWindow w) {
        GenericRecord r = new GenericData.Record(CURRENCY_WINDOWS);
        r.put("window_start", w.windowStart);
        r.put("window_end", w.windowEnd);
        r.put("currency", w.currency);
        r.put("orders", w.orders);
        r.put("revenue", w.revenue);
        r.put("max_amount", w.maxAmount);
        return r;
    }
}
