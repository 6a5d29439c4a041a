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
import java.io.IOException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.flink.formats.parquet.avro.AvroParquetWriters;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * FileSink's bulk format for the benchmark's payloads: each becomes an Avro {@link GenericRecord}
 * (timestamp, value bytes) written by flink-parquet's Avro Parquet writer. With {@code
 * UNCOMPRESSED} this is exactly {@link AvroParquetWriters#forGenericRecord}; other codecs set only
 * the compression. The factory is serializable and thread-safe; each writer is not.
 */
final class AvroParquetBytesWriterFactory implements BulkWriter.Factory<byte[]> {

    private static final long serialVersionUID = 1L;

    private final String codec;

    AvroParquetBytesWriterFactory(CompressionCodecName codec) {
        this.codec = codec.name();
    }

    @Override
    public BulkWriter<byte[]> create(FSDataOutputStream out) throws IOException {
        BulkWriter<GenericRecord> avro = avroFactory(codec).create(out);
        return new BulkWriter<>() {
            @Override
            public void addElement(byte[] element) throws IOException {
                avro.addElement(BenchRecords.toAvro(element));
            }

            @Override
            public void flush() throws IOException {
                avro.flush();
            }

            @Override
            public void finish() throws IOException {
                avro.finish();
            }
        };
    }

    private static ParquetWriterFactory<GenericRecord> avroFactory(String codec) {
        CompressionCodecName name = CompressionCodecName.valueOf(codec);
        if (name == CompressionCodecName.UNCOMPRESSED) {
            return AvroParquetWriters.forGenericRecord(OrderPayloads.AVRO_SCHEMA);
        }
        return new ParquetWriterFactory<>(
                file ->
                        AvroParquetWriter.<GenericRecord>builder(file)
                                .withSchema(OrderPayloads.AVRO_SCHEMA)
                                .withDataModel(GenericData.get())
                                .withCompressionCodec(name)
                                .build());
    }
}
