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
package dev.floe.flink.source.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.manifest.SchemaHistory;
import dev.floe.wal.manifest.SchemaVersion;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/** Values of every schema version reach the deserializer in the reader's schema. */
class ValueFieldsTest {

    private static final Schema V1 =
            SchemaBuilder.record("Order")
                    .fields()
                    .requiredLong("id")
                    .requiredInt("amount")
                    .endRecord();

    private static final Schema V2 =
            SchemaBuilder.record("Order")
                    .fields()
                    .requiredLong("id")
                    .requiredLong("amount")
                    .name("note")
                    .type()
                    .stringType()
                    .stringDefault("none")
                    .endRecord();

    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    private final List<SchemaVersion> versions =
            new ArrayList<>(
                    List.of(
                            new SchemaVersion(1, V1.toString(), null),
                            new SchemaVersion(2, V2.toString(), T)));
    private final AtomicInteger historyReads = new AtomicInteger();

    private SchemaHistory history() {
        historyReads.incrementAndGet();
        return new SchemaHistory("orders", versions);
    }

    @Test
    void olderValuesTakeTheLatestSchemaWithDefaultsAndLatestOnesPassUntouched() throws IOException {
        ValueFields values = ValueFields.of(this::history, null, null);
        List<LoggedRecord> v1 = List.of(record(0, V1, 7L, 3), record(1, V1, 8L, 4));
        List<LoggedRecord> v2 = List.of(record(2, V2, 9L, 5L, "rush"));

        List<LoggedRecord> resolved = values.fromWholeValues(v1, 1);
        assertThat(decode(resolved.get(0), V2)).isEqualTo(order(V2, 7L, 3L, "none"));
        assertThat(decode(resolved.get(1), V2)).isEqualTo(order(V2, 8L, 4L, "none"));
        assertThat(resolved).extracting(LoggedRecord::offset).containsExactly(0L, 1L);
        assertThat(values.fromWholeValues(v2, 2)).isSameAs(v2);
    }

    @Test
    void parquetObjectsOfTheReadersSchemaReadTheProjectedColumnsOthersWholeValues()
            throws IOException {
        ValueFields values = ValueFields.of(this::history, null, List.of("note", "id"));

        assertThat(values.parquetRead(0, 10, 2).valueFields()).containsExactly("note", "id");
        assertThat(values.parquetRead(0, 10, 1).valueFields()).isNull();

        Schema projected =
                SchemaBuilder.record("Order")
                        .fields()
                        .requiredLong("id")
                        .name("note")
                        .type()
                        .stringType()
                        .stringDefault("none")
                        .endRecord();
        List<LoggedRecord> fromOldObject = values.fromParquet(List.of(record(0, V1, 7L, 3)), 1);
        GenericRecord r = decode(fromOldObject.get(0), projected);
        assertThat(r.get("id")).isEqualTo(7L);
        assertThat(r.get("note")).isEqualTo(new Utf8("none"));
    }

    @Test
    void aReaderSchemaThatCannotReadAVersionFailsNamingOffsetAndVersion() {
        ValueFields values = ValueFields.of(this::history, V1.toString(), null);

        assertThatThrownBy(() -> values.fromWholeValues(List.of(record(5, V2, 1L, 2L, "x")), 2))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("offset 5")
                .hasMessageContaining("schema version 2");
    }

    @Test
    void aVersionRegisteredAfterTheReaderStartedIsLookedUp() throws IOException {
        ValueFields values = ValueFields.of(this::history, null, null);
        Schema v3 =
                SchemaBuilder.record("Order")
                        .fields()
                        .requiredLong("id")
                        .requiredLong("amount")
                        .name("note")
                        .type()
                        .stringType()
                        .stringDefault("none")
                        .name("tag")
                        .type()
                        .stringType()
                        .stringDefault("")
                        .endRecord();
        versions.add(new SchemaVersion(3, v3.toString(), T));
        int reads = historyReads.get();

        List<LoggedRecord> resolved =
                values.fromWholeValues(List.of(record(0, v3, 1L, 2L, "n", "t")), 3);

        assertThat(historyReads.get()).isEqualTo(reads + 1);
        assertThat(decode(resolved.get(0), V2)).isEqualTo(order(V2, 1L, 2L, "n"));
    }

    @Test
    void valuesOfTheSameFieldsUnderAnotherRecordNamePassUntouched() throws IOException {
        Schema renamed =
                SchemaBuilder.record("orders_table")
                        .namespace("sql")
                        .fields()
                        .requiredLong("id")
                        .requiredLong("amount")
                        .name("note")
                        .type()
                        .stringType()
                        .noDefault()
                        .endRecord();
        ValueFields values = ValueFields.of(this::history, renamed.toString(), null);
        List<LoggedRecord> v2 = List.of(record(0, V2, 1L, 2L, "n"));

        assertThat(values.fromWholeValues(v2, 2)).isSameAs(v2);
        assertThat(ValueFields.sameEncoding(V1, V2)).isFalse();
    }

    private static GenericRecord order(Schema schema, Object... fields) {
        GenericData.Record r = new GenericData.Record(schema);
        for (int i = 0; i < fields.length; i++) {
            r.put(i, fields[i] instanceof String s ? new Utf8(s) : fields[i]);
        }
        return r;
    }

    private static LoggedRecord record(long offset, Schema schema, Object... fields)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(schema).write(order(schema, fields), encoder);
        encoder.flush();
        return new LoggedRecord(offset, WalRecord.of(offset, null, bytes.toByteArray()));
    }

    private static GenericRecord decode(LoggedRecord r, Schema schema) throws IOException {
        return new GenericDatumReader<GenericRecord>(schema)
                .read(null, DecoderFactory.get().binaryDecoder(r.value(), null));
    }
}
