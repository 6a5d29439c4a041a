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
package dev.floe.wal.bench;

import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The records the benchmarks write: a deterministic order event of about 100 bytes of JSON per
 * sequence number, with a timestamp derived from it. Thread-safe (stateless).
 */
public final class OrderPayloads {

    /** Timestamp of record 0; record {@code n} is {@code n} milliseconds later. */
    public static final long BASE_TIMESTAMP = 1_700_000_000_000L;

    private static final byte[] CURRENCIES = "EURUSDGBPJPYCHF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEMPLATE =
            ("{\"order\":000000000000,\"customer\":\"c-000000\",\"amount\":0000.00,"
                            + "\"currency\":\"EUR\",\"sku\":\"00000000\",\"qty\":00}")
                    .getBytes(StandardCharsets.US_ASCII);

    /** The size of every payload in bytes. */
    public static final int PAYLOAD_BYTES = TEMPLATE.length;

    /** The Avro row parquet-avro's writers get for a payload: its timestamp and value bytes. */
    public static final Schema AVRO_SCHEMA =
            SchemaBuilder.record("order_event")
                    .namespace("dev.floe.bench")
                    .fields()
                    .requiredLong("timestamp")
                    .requiredBytes("value")
                    .endRecord();

    private OrderPayloads() {}

    public static long timestampOf(long id) {
        return BASE_TIMESTAMP + id;
    }

    /** The payload of record {@code id}. */
    public static byte[] payload(long id) {
        long h = mix(id);
        byte[] b = TEMPLATE.clone();
        digits(b, 9, 12, id);
        digits(b, 36, 6, (h & 0xFFFFF) % 1_000_000);
        digits(b, 53, 4, (h >>> 20) % 10_000);
        digits(b, 58, 2, (h >>> 34) % 100);
        int currency = (int) ((h >>> 41) % 5) * 3;
        System.arraycopy(CURRENCIES, currency, b, 73, 3);
        for (int i = 0; i < 8; i++) {
            b[85 + i] = HEX[(int) (h >>> (4 * i + 13)) & 0xF];
        }
        digits(b, 101, 2, (h >>> 50) % 100);
        return b;
    }

    /** The sequence number written into {@code payload}. */
    public static long idOf(byte[] payload) {
        long id = 0;
        for (int i = 9; i < 21; i++) {
            id = id * 10 + (payload[i] - '0');
        }
        return id;
    }

    private static void digits(byte[] b, int at, int width, long value) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** SplitMix64's finalizer: well-spread bits from a sequence number. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
