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

import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.object.ObjectUpload;
import dev.floe.wal.tier.UploadOutputStream;
import dev.floe.wal.tier.parquet.SinkOutputFile;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the Avro records of a bounded job as one Parquet object per subtask, {@code
 * <keyPrefix>-<subtask>.parquet}, streamed to the object store and completed at the end of the
 * input; a failed or cancelled attempt aborts its upload, so no partial object is ever visible. For
 * bounded (batch) jobs: records are not part of checkpoints. The sink is immutable; each writer is
 * used by one task thread.
 */
public final class ParquetObjectSink implements Sink<GenericRecord> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ParquetObjectSink.class);
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    private final CuratedStore store;
    private final String keyPrefix;
    private final String schemaJson;

    public ParquetObjectSink(CuratedStore store, String keyPrefix, Schema schema) {
        this.store = store;
        this.keyPrefix = keyPrefix;
        this.schemaJson = schema.toString();
    }

    /** The key the writer of {@code subtask} completes. */
    public String keyOf(int subtask) {
        return keyPrefix + "-" + subtask + ".parquet";
    }

    @Override
    public SinkWriter<GenericRecord> createWriter(WriterInitContext context) throws IOException {
        return new Writer(keyOf(context.getTaskInfo().getIndexOfThisSubtask()));
    }

    private final class Writer implements SinkWriter<GenericRecord> {
        private final String key;
        private ObjectStore objects;
        private ObjectUpload upload;
        private ParquetWriter<GenericRecord> parquet;
        private long rows;
        private boolean completed;

        Writer(String key) {
            this.key = key;
        }

        @Override
        public void write(GenericRecord element, Context context) throws IOException {
            if (parquet == null) {
                objects = store.open();
                upload = objects.startUpload(key);
                parquet =
                        AvroParquetWriter.<GenericRecord>builder(
                                        new SinkOutputFile(
                                                new UploadOutputStream(upload),
                                                key,
                                                WRITE_BUFFER_BYTES))
                                .withSchema(new Schema.Parser().parse(schemaJson))
                                .withConf(new org.apache.hadoop.conf.Configuration(false))
                                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                                .withCompressionCodec(CompressionCodecName.ZSTD)
                                .build();
            }
            parquet.write(element);
            rows++;
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (!endOfInput || completed) {
                return;
            }
            completed = true;
            if (parquet == null) {
                LOG.info("No rows for {}: nothing written", store.locationOf(key));
                return;
            }
            parquet.close();
            ObjectInfo info = upload.complete();
            LOG.info(
                    "Wrote {} rows ({} bytes) of Parquet to {}",
                    rows,
                    info.size(),
                    store.locationOf(key));
        }

        @Override
        public void close() throws IOException {
            try {
                if (upload != null && !completed) {
                    upload.abort();
                }
            } finally {
                if (objects != null) {
                    objects.close();
                }
            }
        }
    }
}
