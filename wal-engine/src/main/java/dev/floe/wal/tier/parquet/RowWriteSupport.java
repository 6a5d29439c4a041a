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

import static dev.floe.wal.tier.parquet.ParquetObjectSchema.HEADERS;
import static dev.floe.wal.tier.parquet.ParquetObjectSchema.KEY;
import static dev.floe.wal.tier.parquet.ParquetObjectSchema.OFFSET;
import static dev.floe.wal.tier.parquet.ParquetObjectSchema.PARTITION;
import static dev.floe.wal.tier.parquet.ParquetObjectSchema.TIMESTAMP;
import static dev.floe.wal.tier.parquet.ParquetObjectSchema.VALUE;

import dev.floe.wal.record.Header;
import dev.floe.wal.record.LoggedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;

/**
 * Writes one {@link LoggedRecord} as one row of a {@link ParquetObjectSchema}, straight from the
 * record's fields to Parquet's record consumer (no intermediate objects). The caller checks header
 * keys are unique first; a failure while a row is half written leaves the row group unusable. Not
 * thread-safe.
 */
final class RowWriteSupport extends WriteSupport<LoggedRecord> {

    private static final int OFFSET_INDEX = 0;
    private static final int TIMESTAMP_INDEX = 1;
    private static final int KEY_INDEX = 2;
    private static final int PARTITION_INDEX = 3;
    private static final int HEADERS_INDEX = 4;
    private static final int VALUE_INDEX = 5;

    private final MessageType message;
    private final Map<String, String> footerMetadata;
    private final int partition;
    private final ValueColumns valueColumns;
    private final String entries;
    private final String entryKey;
    private final String entryValue;
    private RecordConsumer out;

    RowWriteSupport(ParquetObjectSchema schema, int partition, Map<String, String> footerMetadata) {
        this.message = schema.messageType();
        this.footerMetadata = footerMetadata;
        this.partition = partition;
        this.valueColumns = schema.typed() ? new ValueColumns(schema.valueSchema(), message) : null;
        GroupType entry = message.getType(HEADERS_INDEX).asGroupType().getType(0).asGroupType();
        this.entries = entry.getName();
        this.entryKey = entry.getType(0).getName();
        this.entryValue = entry.getType(1).getName();
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(message, footerMetadata);
    }

    /** Still abstract in Parquet, though deprecated; the method above is the one called. */
    @Override
    @SuppressWarnings("deprecation")
    public WriteContext init(Configuration configuration) {
        return new WriteContext(message, footerMetadata);
    }

    @Override
    public String getName() {
        return "floe";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(LoggedRecord record) {
        out.startMessage();
        out.startField(OFFSET, OFFSET_INDEX);
        out.addLong(record.offset());
        out.endField(OFFSET, OFFSET_INDEX);
        out.startField(TIMESTAMP, TIMESTAMP_INDEX);
        out.addLong(record.timestamp());
        out.endField(TIMESTAMP, TIMESTAMP_INDEX);
        if (record.key() != null) {
            out.startField(KEY, KEY_INDEX);
            out.addBinary(Binary.fromConstantByteArray(record.key()));
            out.endField(KEY, KEY_INDEX);
        }
        out.startField(PARTITION, PARTITION_INDEX);
        out.addInteger(partition);
        out.endField(PARTITION, PARTITION_INDEX);
        writeHeaders(record.record().headers());
        if (valueColumns == null) {
            out.startField(VALUE, VALUE_INDEX);
            out.addBinary(Binary.fromConstantByteArray(record.value()));
            out.endField(VALUE, VALUE_INDEX);
        } else {
            try {
                valueColumns.write(record.value(), out);
            } catch (IOException | RuntimeException e) {
                throw new InvalidValueException(e);
            }
        }
        out.endMessage();
    }

    private void writeHeaders(List<Header> headers) {
        out.startField(HEADERS, HEADERS_INDEX);
        out.startGroup();
        if (!headers.isEmpty()) {
            out.startField(entries, 0);
            for (Header h : headers) {
                out.startGroup();
                out.startField(entryKey, 0);
                out.addBinary(Binary.fromString(h.key()));
                out.endField(entryKey, 0);
                if (h.value() != null) {
                    out.startField(entryValue, 1);
                    out.addBinary(Binary.fromConstantByteArray(h.value()));
                    out.endField(entryValue, 1);
                }
                out.endGroup();
            }
            out.endField(entries, 0);
        }
        out.endGroup();
        out.endField(HEADERS, HEADERS_INDEX);
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
