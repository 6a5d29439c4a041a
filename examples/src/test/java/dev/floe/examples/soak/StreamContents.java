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
package dev.floe.examples.soak;

import dev.floe.examples.orders.Orders;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.PartitionInfo;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * The committed records of a stream of orders, read back from the buckets: how often each order id
 * appears and a hash of its value. Reading fails on an offset gap. Not thread-safe.
 */
final class StreamContents {

    private final Map<Long, Integer> counts = new HashMap<>();
    private final Map<Long, Long> valueHashes = new HashMap<>();
    private long records;

    private StreamContents() {}

    /** Every committed record of {@code stream}, from offset 0 of each partition. */
    static StreamContents read(FloeAdmin admin, String stream) throws IOException {
        StreamContents contents = new StreamContents();
        GenericDatumReader<GenericRecord> avro = new GenericDatumReader<>(Orders.SCHEMA);
        for (PartitionInfo partition : admin.partitions(stream)) {
            admin.readRecords(
                    stream,
                    partition.partition(),
                    0,
                    partition.committedEnd(),
                    r -> {
                        long id;
                        try {
                            id =
                                    Orders.orderId(
                                            avro.read(
                                                    null,
                                                    DecoderFactory.get()
                                                            .binaryDecoder(r.value(), null)));
                        } catch (IOException e) {
                            throw new IllegalStateException(
                                    "order at "
                                            + stream
                                            + "/"
                                            + partition.partition()
                                            + "/"
                                            + r.offset(),
                                    e);
                        }
                        contents.counts.merge(id, 1, Integer::sum);
                        contents.valueHashes.putIfAbsent(id, hash(r.value()));
                        contents.records++;
                    });
        }
        return contents;
    }

    /** Committed records read. */
    long records() {
        return records;
    }

    /** How often each order id appears. */
    Map<Long, Integer> counts() {
        return counts;
    }

    /** A 64-bit hash of the value of the first record with order id {@code id}, if any. */
    Long valueHash(long id) {
        return valueHashes.get(id);
    }

    /** Records beyond the first of each order id. */
    long duplicates() {
        return records - counts.size();
    }

    /** FNV-1a. */
    private static long hash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }
}
