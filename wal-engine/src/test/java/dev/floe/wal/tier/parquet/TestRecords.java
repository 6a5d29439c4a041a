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
package dev.floe.wal.tier.parquet;

import dev.floe.wal.record.Header;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/** Records for Parquet object tests: a typed order schema and bytes-valued records. */
final class TestRecords {

    static final String ORDER_SCHEMA =
            """
            {"type": "record", "name": "Order", "namespace": "shop", "fields": [
              {"name": "id", "type": "int"},
              {"name": "quantity", "type": "long"},
              {"name": "price", "type": "double"},
              {"name": "ratio", "type": "float"},
              {"name": "paid", "type": "boolean"},
              {"name": "customer", "type": "string"},
              {"name": "blob", "type": "bytes"},
              {"name": "note", "type": ["null", "string"]},
              {"name": "discount", "type": ["long", "null"]},
              {"name": "created", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "status", "type": {"type": "enum", "name": "Status",
                                          "symbols": ["NEW", "PAID", "SHIPPED"]}},
              {"name": "code", "type": {"type": "fixed", "name": "Code", "size": 4}},
              {"name": "address", "type": {"type": "record", "name": "Address", "fields": [
                {"name": "street", "type": "string"},
                {"name": "zip", "type": ["null", "int"]},
                {"name": "geo", "type": ["null", {"type": "record", "name": "Geo", "fields": [
                  {"name": "lat", "type": "double"}, {"name": "lon", "type": "double"}]}]}
              ]}},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "scores", "type": ["null", {"type": "array", "items": ["null", "int"]}]},
              {"name": "lines", "type": {"type": "array", "items": {"type": "record",
                "name": "Line", "fields": [{"name": "sku", "type": "string"},
                                           {"name": "n", "type": "int"}]}}},
              {"name": "attributes", "type": {"type": "map", "values": "string"}},
              {"name": "counters", "type": ["null", {"type": "map", "values": ["null", "long"]}]}
            ]}
            """;

    static final Schema ORDER = new Schema.Parser().parse(ORDER_SCHEMA);

    private TestRecords() {}

    /** An order whose fields vary with {@code i}, including nulls, empty and multi-entry maps. */
    static GenericRecord order(long i) {
        Schema address = ORDER.getField("address").schema();
        Schema geo = address.getField("geo").schema().getTypes().get(1);
        Schema line = ORDER.getField("lines").schema().getElementType();
        GenericRecord r = new GenericData.Record(ORDER);
        r.put("id", (int) i);
        r.put("quantity", i * 1_000_000_007L);
        r.put("price", i / 4.0);
        r.put("ratio", (float) (i % 7) / 3f);
        r.put("paid", i % 2 == 0);
        r.put("customer", "customer-" + (i % 100) + "-é");
        r.put("blob", ByteBuffer.wrap(new byte[] {(byte) i, 0, (byte) -1}));
        r.put("note", i % 3 == 0 ? null : "note " + i);
        r.put("discount", i % 4 == 0 ? null : i);
        r.put("created", 1_700_000_000_000L + i);
        r.put(
                "status",
                new GenericData.EnumSymbol(
                        ORDER.getField("status").schema(),
                        List.of("NEW", "PAID", "SHIPPED").get((int) (i % 3))));
        r.put(
                "code",
                new GenericData.Fixed(
                        ORDER.getField("code").schema(), new byte[] {1, 2, 3, (byte) i}));
        GenericRecord a = new GenericData.Record(address);
        a.put("street", "Main St " + i);
        a.put("zip", i % 5 == 0 ? null : (int) (10_000 + i));
        if (i % 2 == 1) {
            GenericRecord g = new GenericData.Record(geo);
            g.put("lat", 48.0 + i / 1000.0);
            g.put("lon", 2.0 - i / 1000.0);
            a.put("geo", g);
        }
        r.put("address", a);
        List<String> tags = new ArrayList<>();
        for (int t = 0; t < i % 4; t++) {
            tags.add("tag" + t);
        }
        r.put("tags", tags);
        r.put("scores", i % 6 == 0 ? null : Arrays.asList(1, null, (int) i));
        List<GenericRecord> lines = new ArrayList<>();
        for (int n = 0; n < i % 3; n++) {
            GenericRecord l = new GenericData.Record(line);
            l.put("sku", "sku-" + n);
            l.put("n", n);
            lines.add(l);
        }
        r.put("lines", lines);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int k = 0; k < i % 5; k++) {
            attributes.put("z-key-" + (4 - k), "v" + k);
        }
        r.put("attributes", attributes);
        if (i % 7 != 0) {
            Map<String, Long> counters = new LinkedHashMap<>();
            counters.put("b", i);
            counters.put("a", null);
            counters.put("c", -i);
            r.put("counters", counters);
        }
        return r;
    }

    static byte[] encode(GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static GenericRecord decode(Schema schema, byte[] bytes) {
        try {
            return new GenericDatumReader<GenericRecord>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A typed record at {@code offset}, with the key, headers and timestamp of {@link #bytes}. */
    static LoggedRecord typed(long offset) {
        LoggedRecord shape = bytes(offset, 0);
        return new LoggedRecord(
                offset,
                new WalRecord(
                        shape.timestamp(),
                        shape.key(),
                        encode(order(offset)),
                        shape.record().headers()));
    }

    /**
     * A bytes-valued record: null key every third offset, headers on some (one with a null value,
     * not in key order), and a value of {@code valueBytes} that looks like a small JSON document
     * with random digits and letters, so it compresses about as well as real payloads.
     */
    static LoggedRecord bytes(long offset, int valueBytes) {
        byte[] key =
                offset % 3 == 0
                        ? null
                        : ("key-" + (offset % 1000)).getBytes(StandardCharsets.UTF_8);
        List<Header> headers =
                offset % 4 == 0
                        ? List.of(
                                Header.of("trace", "t" + offset),
                                new Header("empty", null),
                                Header.of("a", "x"))
                        : List.of();
        SplittableRandom random = new SplittableRandom(offset);
        StringBuilder json =
                new StringBuilder()
                        .append("{\"id\":")
                        .append(offset)
                        .append(",\"user\":\"u")
                        .append(random.nextInt(100_000))
                        .append("\",\"amount\":")
                        .append(random.nextInt(1_000_000) / 100.0)
                        .append(",\"note\":\"");
        while (json.length() < valueBytes) {
            json.append((char) ('a' + random.nextInt(26)));
        }
        byte[] value = Arrays.copyOf(json.toString().getBytes(StandardCharsets.UTF_8), valueBytes);
        return new LoggedRecord(offset, new WalRecord(timestampOf(offset), key, value, headers));
    }

    /** Timestamps rise with offsets, ten records a millisecond, with a little jitter. */
    static long timestampOf(long offset) {
        return 1_700_000_000_000L + offset / 10 + (offset % 7 == 3 ? 3 : 0);
    }
}
