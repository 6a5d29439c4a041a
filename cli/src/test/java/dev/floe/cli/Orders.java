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
package dev.floe.cli;

import dev.floe.wal.record.WalRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Test records: orders as Avro values of the examples' order schema (read from the examples' {@code
 * orders.avsc}, which the build puts on the test classpath), and plain text values. Stateless.
 */
final class Orders {

    /** The orders schema of the examples, as JSON. */
    static final String SCHEMA = readSchema("/dev/floe/examples/orders/orders.avsc");

    static final String[] CURRENCIES = {"EUR", "USD", "GBP"};
    static final long T0 = 1_790_000_000_000L;

    private Orders() {}

    /**
     * Order {@code id}: customer {@code c-<id>}, amount {@code id + 0.5}, currency {@code
     * CURRENCIES[id % 3]}, event time {@code T0 + id}.
     */
    static List<WalRecord> orders(long firstId, int count) {
        Schema schema = new Schema.Parser().parse(SCHEMA);
        GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(schema);
        List<WalRecord> out = new ArrayList<>();
        for (long id = firstId; id < firstId + count; id++) {
            GenericRecord r = new GenericData.Record(schema);
            r.put("order_id", id);
            r.put("customer", "c-" + id);
            r.put("amount", id + 0.5);
            r.put("currency", CURRENCIES[(int) (id % 3)]);
            r.put("event_time", T0 + id);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            try {
                writer.write(r, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.add(
                    WalRecord.of(
                            T0 + id,
                            ("order-" + id).getBytes(StandardCharsets.UTF_8),
                            bytes.toByteArray()));
        }
        return out;
    }

    /** Values "text-0", "text-1", ...; keys null. */
    static List<WalRecord> texts(int from, int count) {
        List<WalRecord> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(WalRecord.of(T0 + i, null, ("text-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static String readSchema(String resource) {
        try (InputStream in = Orders.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
