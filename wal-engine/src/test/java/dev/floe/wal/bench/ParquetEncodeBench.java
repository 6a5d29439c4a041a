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

import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.tier.parquet.ParquetObjectOptions;
import dev.floe.wal.tier.parquet.ParquetObjectSchema;
import dev.floe.wal.tier.parquet.ParquetObjectWriter;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Benchmark {@code parquet-encode}: the same {@link OrderPayloads} records encoded in memory as one
 * Parquet object, by parquet-avro's {@code AvroParquetWriter} with zstd (two columns, timestamp and
 * value bytes, one {@code GenericRecord} per record: what the {@code sink} benchmark's FileSink
 * writes) next to {@link ParquetObjectWriter} (a bytes-valued stream, default options), both into
 * an output that counts and drops the bytes. Each writer runs once to warm up, then the rounds
 * alternate between them; the figures are medians, in records per second of elapsed time and per
 * second of the writing thread's CPU time (steadier on a shared machine; both writers run on the
 * calling thread alone). Arguments: {@code [RECORDS] [ROUNDS] [--writers=both|avro|floe]
 * [--zstd-level=N] [--partitions=N]} (2,000,000 records, 3 rounds, both, Floe's default level, one
 * partition; the level applies to Floe's writer, parquet-avro's keeps its default; with N
 * partitions Floe's writer writes one shared object).
 */
public final class ParquetEncodeBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Run(double seconds, double cpuSeconds, long bytes) {}

    public static void main(String[] args) throws Exception {
        int records = 2_000_000;
        int rounds = 3;
        String writers = "both";
        ParquetObjectOptions options = ParquetObjectOptions.defaults();
        int partitions = 1;
        int positional = 0;
        for (String arg : args) {
            if (arg.startsWith("--writers=")) {
                writers = arg.substring("--writers=".length());
                if (!writers.equals("both") && !writers.equals("avro") && !writers.equals("floe")) {
                    throw new IllegalArgumentException(
                            "--writers must be both, avro or floe, got " + writers);
                }
            } else if (arg.startsWith("--zstd-level=")) {
                options =
                        ParquetObjectOptions.builder()
                                .zstdLevel(
                                        Integer.parseInt(arg.substring("--zstd-level=".length())))
                                .build();
            } else if (arg.startsWith("--partitions=")) {
                partitions = Integer.parseInt(arg.substring("--partitions=".length()));
                if (partitions < 1) {
                    throw new IllegalArgumentException(
                            "--partitions must be at least 1, got " + partitions);
                }
            } else if (positional++ == 0) {
                records = Integer.parseInt(arg);
            } else {
                rounds = Integer.parseInt(arg);
            }
        }
        boolean avro = !writers.equals("floe");
        boolean floe = !writers.equals("avro");
        LoggedRecord[] input = new LoggedRecord[records];
        int perPartition = (records + partitions - 1) / partitions;
        for (int i = 0; i < records; i++) {
            input[i] =
                    new LoggedRecord(
                            i % perPartition,
                            WalRecord.of(
                                    OrderPayloads.timestampOf(i), null, OrderPayloads.payload(i)));
        }
        Floe floeWriter = new Floe(options, partitions, perPartition);
        if (avro) {
            report("warm-up", "avro", records, writeAvro(input));
        }
        if (floe) {
            report("warm-up", "floe", records, floeWriter.write(input));
        }
        double[] avroSeconds = new double[rounds];
        double[] floeSeconds = new double[rounds];
        double[] avroCpuSeconds = new double[rounds];
        double[] floeCpuSeconds = new double[rounds];
        long avroBytes = 0;
        long floeBytes = 0;
        for (int round = 0; round < rounds; round++) {
            if (avro) {
                Run r = report("round " + round, "avro", records, writeAvro(input));
                avroSeconds[round] = r.seconds();
                avroCpuSeconds[round] = r.cpuSeconds();
                avroBytes = r.bytes();
            }
            if (floe) {
                Run r = report("round " + round, "floe", records, floeWriter.write(input));
                floeSeconds[round] = r.seconds();
                floeCpuSeconds[round] = r.cpuSeconds();
                floeBytes = r.bytes();
            }
        }
        BenchReport report =
                new BenchReport("parquet-encode")
                        .put("records", records)
                        .put("record_bytes", OrderPayloads.PAYLOAD_BYTES)
                        .put("rounds", rounds)
                        .put("floe_zstd_level", options.zstdLevel())
                        .put("floe_partitions", partitions);
        double avroRate = records / BenchReport.median(avroSeconds);
        double floeRate = records / BenchReport.median(floeSeconds);
        double avroCpuRate = records / BenchReport.median(avroCpuSeconds);
        double floeCpuRate = records / BenchReport.median(floeCpuSeconds);
        if (avro) {
            report.put("avro_records_per_s", avroRate)
                    .put("avro_records_per_cpu_s", avroCpuRate)
                    .put("avro_bytes", avroBytes);
        }
        if (floe) {
            report.put("floe_records_per_s", floeRate)
                    .put("floe_records_per_cpu_s", floeCpuRate)
                    .put("floe_bytes", floeBytes);
        }
        if (avro && floe) {
            report.put("ratio_floe_vs_avro", floeRate / avroRate)
                    .put("ratio_floe_vs_avro_cpu", floeCpuRate / avroCpuRate);
        }
        report.print();
    }

    /** What FileSink's bulk writer does per record: one {@code GenericRecord}, then write it. */
    private static Run writeAvro(LoggedRecord[] input) throws Exception {
        DiscardingOutputFile file = new DiscardingOutputFile();
        long started = System.nanoTime();
        long cpuStarted = THREADS.getCurrentThreadCpuTime();
        try (ParquetWriter<GenericRecord> writer =
                AvroParquetWriter.<GenericRecord>builder(file)
                        .withSchema(OrderPayloads.AVRO_SCHEMA)
                        .withDataModel(GenericData.get())
                        .withCompressionCodec(CompressionCodecName.ZSTD)
                        .build()) {
            for (LoggedRecord record : input) {
                GenericRecord row = new GenericData.Record(OrderPayloads.AVRO_SCHEMA);
                row.put(0, record.timestamp());
                row.put(1, ByteBuffer.wrap(record.value()));
                writer.write(row);
            }
        }
        return new Run(
                (System.nanoTime() - started) / 1e9,
                (THREADS.getCurrentThreadCpuTime() - cpuStarted) / 1e9,
                file.bytes());
    }

    /**
     * Floe's writer: one object of one partition, or a shared object of {@code partitions}
     * partitions that take {@code perPartition} consecutive records each, in row groups of their
     * own (what the tiering pool writes for many small partitions).
     */
    private record Floe(ParquetObjectOptions options, int partitions, int perPartition) {

        Run write(LoggedRecord[] input) throws Exception {
            CountingSink sink = new CountingSink();
            long started = System.nanoTime();
            long cpuStarted = THREADS.getCurrentThreadCpuTime();
            long size;
            ParquetObjectSchema schema = ParquetObjectSchema.bytesValued();
            if (partitions == 1) {
                try (ParquetObjectWriter writer =
                        ParquetObjectWriter.open(sink, "bench", schema, 0, options)) {
                    for (LoggedRecord record : input) {
                        writer.write(record);
                    }
                    size = writer.finish().sizeBytes();
                }
            } else {
                try (ParquetObjectWriter writer =
                        ParquetObjectWriter.openShared(sink, "bench", schema, options)) {
                    for (int i = 0; i < input.length; i++) {
                        if (i % perPartition == 0) {
                            writer.startPartition(i / perPartition);
                        }
                        writer.write(input[i]);
                    }
                    size = writer.finishShared().values().iterator().next().sizeBytes();
                }
            }
            if (size != sink.bytes) {
                throw new IllegalStateException(
                        "the writer reported " + size + " bytes, wrote " + sink.bytes);
            }
            return new Run(
                    (System.nanoTime() - started) / 1e9,
                    (THREADS.getCurrentThreadCpuTime() - cpuStarted) / 1e9,
                    sink.bytes);
        }
    }

    private static Run report(String round, String writer, int records, Run run) {
        System.out.printf(
                Locale.ROOT,
                "%s: %s %.2f s (%.0f records/s), %.2f s on its thread's CPU, %.1f MB%n",
                round,
                writer,
                run.seconds(),
                records / run.seconds(),
                run.cpuSeconds(),
                run.bytes() / 1e6);
        return run;
    }

    /** An output stream that counts the bytes written and drops them. */
    private static final class CountingSink extends OutputStream {
        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
