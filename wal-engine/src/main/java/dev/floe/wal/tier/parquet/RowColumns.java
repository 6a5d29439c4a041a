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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes each {@link LoggedRecord} as one row of a {@link ParquetObjectSchema} straight into the
 * column writers of the current row group: the system columns and a bytes-valued stream's {@code
 * _value} value by value, with their repetition and definition levels, and no row objects; a typed
 * stream's value columns through Parquet's record consumer over those columns alone. {@link #bind}
 * it to each row group's column store. The caller checks header keys are unique first; a failure
 * while a row is half written leaves the row group unusable. Not thread-safe.
 */
final class RowColumns {

    private int partition;
    private final ColumnDescriptor offsetColumn;
    private final ColumnDescriptor timestampColumn;
    private final ColumnDescriptor keyColumn;
    private final ColumnDescriptor partitionColumn;
    private final ColumnDescriptor headerKeyColumn;
    private final ColumnDescriptor headerValueColumn;
    private final ColumnDescriptor valueColumn;
    private final int keyPresent;
    private final int headerPresent;
    private final int headerValuePresent;

    /** The value columns of a typed stream, as a message of their own; null for bytes. */
    private final MessageType valueMessage;

    private final ValueColumns valueColumns;

    private ColumnWriteStore store;
    private ColumnWriter offset;
    private ColumnWriter timestamp;
    private ColumnWriter key;
    private ColumnWriter partitionWriter;
    private ColumnWriter headerKey;
    private ColumnWriter headerValue;
    private ColumnWriter value;
    private RecordConsumer valueConsumer;

    RowColumns(ParquetObjectSchema schema, int partition) {
        MessageType message = schema.messageType();
        this.partition = partition;
        this.offsetColumn = column(message, ParquetObjectSchema.OFFSET);
        this.timestampColumn = column(message, ParquetObjectSchema.TIMESTAMP);
        this.keyColumn = column(message, ParquetObjectSchema.KEY);
        this.partitionColumn = column(message, ParquetObjectSchema.PARTITION);
        List<ColumnDescriptor> headerLeaves =
                message.getColumns().stream()
                        .filter(c -> c.getPath()[0].equals(ParquetObjectSchema.HEADERS))
                        .toList();
        this.headerKeyColumn = headerLeaves.get(0);
        this.headerValueColumn = headerLeaves.get(1);
        this.keyPresent = keyColumn.getMaxDefinitionLevel();
        this.headerPresent = headerKeyColumn.getMaxDefinitionLevel();
        this.headerValuePresent = headerValueColumn.getMaxDefinitionLevel();
        if (schema.typed()) {
            this.valueColumn = null;
            this.valueMessage =
                    new MessageType(
                            message.getName(),
                            message.getFields()
                                    .subList(
                                            ParquetObjectSchema.SYSTEM_COLUMN_COUNT,
                                            message.getFieldCount()));
            this.valueColumns = new ValueColumns(schema.valueSchema(), valueMessage);
        } else {
            this.valueColumn = column(message, ParquetObjectSchema.VALUE);
            this.valueMessage = null;
            this.valueColumns = null;
        }
    }

    /** The partition of the rows written from now on. */
    void partition(int partition) {
        this.partition = partition;
    }

    /** Writes the next rows into {@code store}, a new row group's columns. */
    void bind(ColumnWriteStore store) {
        this.store = store;
        this.offset = store.getColumnWriter(offsetColumn);
        this.timestamp = store.getColumnWriter(timestampColumn);
        this.key = store.getColumnWriter(keyColumn);
        this.partitionWriter = store.getColumnWriter(partitionColumn);
        this.headerKey = store.getColumnWriter(headerKeyColumn);
        this.headerValue = store.getColumnWriter(headerValueColumn);
        if (valueMessage == null) {
            this.value = store.getColumnWriter(valueColumn);
        } else {
            this.valueConsumer =
                    new ColumnIOFactory(false).getColumnIO(valueMessage).getRecordWriter(store);
        }
    }

    /**
     * Writes one row.
     *
     * @throws InvalidValueException if a typed record's value is not Avro binary of the schema
     */
    void write(LoggedRecord record) {
        offset.write(record.offset(), 0, 0);
        timestamp.write(record.timestamp(), 0, 0);
        byte[] k = record.key();
        if (k == null) {
            key.writeNull(0, keyPresent - 1);
        } else {
            key.write(Binary.fromConstantByteArray(k), 0, keyPresent);
        }
        partitionWriter.write(partition, 0, 0);
        writeHeaders(record.record().headers());
        if (valueConsumer == null) {
            value.write(Binary.fromConstantByteArray(record.value()), 0, 0);
            store.endRecord();
        } else {
            valueConsumer.startMessage();
            try {
                valueColumns.write(record.value(), valueConsumer);
            } catch (IOException | RuntimeException e) {
                throw new InvalidValueException(e);
            }
            valueConsumer.endMessage();
        }
    }

    /** Hands values Parquet's record consumer still holds to the column writers. */
    void flush() {
        if (valueConsumer != null) {
            valueConsumer.flush();
        }
    }

    private void writeHeaders(List<Header> headers) {
        if (headers.isEmpty()) {
            headerKey.writeNull(0, headerPresent - 1);
            headerValue.writeNull(0, headerPresent - 1);
            return;
        }
        int repetition = 0;
        for (Header h : headers) {
            headerKey.write(Binary.fromString(h.key()), repetition, headerPresent);
            if (h.value() == null) {
                headerValue.writeNull(repetition, headerValuePresent - 1);
            } else {
                headerValue.write(
                        Binary.fromConstantByteArray(h.value()), repetition, headerValuePresent);
            }
            repetition = 1;
        }
    }

    private static ColumnDescriptor column(MessageType message, String name) {
        return message.getColumnDescription(new String[] {name});
    }

    /** A typed record's value bytes are not one Avro value of the stream's schema. */
    static final class InvalidValueException extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        InvalidValueException(Exception cause) {
            super(
                    cause.getMessage(),
                    cause instanceof IOException io ? io : new IOException(cause));
        }
    }
}
