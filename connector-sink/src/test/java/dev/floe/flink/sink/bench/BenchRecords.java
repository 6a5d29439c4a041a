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

import dev.floe.wal.bench.OrderPayloads;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The records both sinks of the {@code sink} benchmark write: {@link OrderPayloads}, about 100
 * bytes of JSON per sequence number with a timestamp derived from it. Thread-safe (stateless).
 */
public final class BenchRecords {

    /** The size of every payload in bytes. */
    public static final int PAYLOAD_BYTES = OrderPayloads.PAYLOAD_BYTES;

    private BenchRecords() {}

    public static long timestampOf(long id) {
        return OrderPayloads.timestampOf(id);
    }

    /** Payloads made in this JVM so far: how far a benchmark's jobs have read their input. */
    private static final LongAdder MADE = new LongAdder();

    /** The payload of record {@code id}. */
    public static byte[] payload(long id) {
        MADE.increment();
        return OrderPayloads.payload(id);
    }

    /** How many payloads {@link #payload} made in this JVM so far. */
    static long made() {
        return MADE.sum();
    }

    /** The sequence number written into {@code payload}. */
    static long idOf(byte[] payload) {
        return OrderPayloads.idOf(payload);
    }

    /** The Avro row for {@code payload}: what FileSink writes for it. */
    static GenericRecord toAvro(byte[] payload) {
        GenericRecord r = new GenericData.Record(OrderPayloads.AVRO_SCHEMA);
        r.put(0, timestampOf(idOf(payload)));
        r.put(1, ByteBuffer.wrap(payload));
        return r;
    }
}
