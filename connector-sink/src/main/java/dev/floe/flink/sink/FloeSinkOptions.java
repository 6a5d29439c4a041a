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
package dev.floe.flink.sink;

import dev.floe.wal.log.SyncPolicy;
import dev.floe.wal.log.WalIoPool;
import dev.floe.wal.tail.TailLimits;
import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * Options of {@link FloeSink}; every builder setting is one of these, so a sink can also be
 * configured from {@code config.yaml} or job parameters. Connection settings are in {@link
 * dev.floe.flink.connection.FloeConnectionOptions}. Stateless.
 */
@PublicEvolving
public final class FloeSinkOptions {

    private FloeSinkOptions() {}

    public static final ConfigOption<String> STREAM =
            ConfigOptions.key("floe.sink.stream")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Name of the stream to write: letters, digits, '.', '_' and '-'."
                                    + " Required.");

    public static final ConfigOption<Integer> PARTITIONS =
            ConfigOptions.key("floe.sink.partitions")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "Number of partitions of a stream the sink creates. Unset: the sink's"
                                    + " parallelism at its first start. Required with routing"
                                    + " other than by-subtask; an existing stream must have this"
                                    + " many partitions.");

    public static final ConfigOption<FloeRouting.Mode> PARTITIONER =
            ConfigOptions.key("floe.sink.partitioner")
                    .enumType(FloeRouting.Mode.class)
                    .defaultValue(FloeRouting.Mode.BY_SUBTASK)
                    .withDescription(
                            "How each record's partition is chosen. BY_SUBTASK: each subtask"
                                    + " spreads its records over the partitions it owns (needs at"
                                    + " least as many partitions as subtasks). KEY_HASH: a hash of"
                                    + " the record's key, and records are routed to the subtask"
                                    + " owning the partition (needs floe.sink.partitions). CUSTOM:"
                                    + " a FloePartitioner set on the builder with"
                                    + " routing(FloeRouting.custom(...)), routed the same way.");

    public static final ConfigOption<Boolean> CREATE_STREAM =
            ConfigOptions.key("floe.sink.create-stream")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription("Create the stream when it does not exist.");

    public static final ConfigOption<DeliveryGuarantee> DELIVERY_GUARANTEE =
            ConfigOptions.key("floe.sink.delivery-guarantee")
                    .enumType(DeliveryGuarantee.class)
                    .defaultValue(DeliveryGuarantee.EXACTLY_ONCE)
                    .withDescription(
                            "exactly-once: records are committed when the checkpoint that covers"
                                    + " them completes, and a restore truncates the WAL to the"
                                    + " checkpoint. at-least-once: each writer commits at the"
                                    + " checkpoint barrier, without waiting for the checkpoint;"
                                    + " records replayed after a failure may appear twice.");

    public static final ConfigOption<InvalidRecordPolicy> INVALID_RECORDS =
            ConfigOptions.key("floe.sink.invalid-records")
                    .enumType(InvalidRecordPolicy.class)
                    .defaultValue(InvalidRecordPolicy.FAIL)
                    .withDescription(
                            "What a null element, a serializer error, a record over the size"
                                    + " limit or a routing error (a partitioner that throws or"
                                    + " returns a partition the stream does not have) does: FAIL"
                                    + " the job with the element's position, or SKIP it (counted"
                                    + " in numRecordsSendErrors, logged at WARN at most every 10"
                                    + " s).");

    public static final ConfigOption<String> WAL_DIRECTORY =
            ConfigOptions.key("floe.sink.wal.directory")
                    .stringType()
                    .defaultValue(System.getProperty("java.io.tmpdir") + "/floe-wal")
                    .withDescription(
                            "Local directory of the write-ahead logs, one subdirectory per stream"
                                    + " and partition. Use a local disk that survives restarts of"
                                    + " the TaskManager process.");

    public static final ConfigOption<SyncPolicy> WAL_SYNC =
            ConfigOptions.key("floe.sink.wal.sync")
                    .enumType(SyncPolicy.class)
                    .defaultValue(SyncPolicy.NONE)
                    .withDescription(
                            "When the WAL fsyncs. NONE: never on its own; at a checkpoint its"
                                    + " records are handed to the operating system and made"
                                    + " durable in the bucket, which is what the checkpoint"
                                    + " relies on. GROUP: after max-wait or max-bytes, and at"
                                    + " every checkpoint. ALWAYS: every append.");

    public static final ConfigOption<Duration> WAL_GROUP_COMMIT_MAX_WAIT =
            ConfigOptions.key("floe.sink.wal.group-commit.max-wait")
                    .durationType()
                    .defaultValue(Duration.ofMillis(2))
                    .withDescription(
                            "Longest a record waits in the writer's batch before it is appended"
                                    + " to its WAL (in whole milliseconds, at least 1), and again"
                                    + " before it is written to the WAL file (and, under GROUP,"
                                    + " fsynced), where tail readers see it. Under"
                                    + " NONE, a writer that owns many partitions waits at least"
                                    + " 16 us per partition: 512 partitions wait about 8 ms.");

    public static final ConfigOption<MemorySize> WAL_GROUP_COMMIT_MAX_BYTES =
            ConfigOptions.key("floe.sink.wal.group-commit.max-bytes")
                    .memoryType()
                    .defaultValue(MemorySize.parse("1mb"))
                    .withDescription(
                            "Buffered bytes that trigger a write to the WAL file (and, under"
                                    + " GROUP, an fsync).");

    public static final ConfigOption<MemorySize> WAL_SEGMENT_SIZE =
            ConfigOptions.key("floe.sink.wal.segment-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("64mb"))
                    .withDescription("Size at which a WAL segment file is sealed.");

    public static final ConfigOption<MemorySize> MAX_RECORD_SIZE =
            ConfigOptions.key("floe.sink.max-record-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("1mb"))
                    .withDescription("Largest record (key, value and headers) the sink accepts.");

    public static final ConfigOption<MemorySize> WAL_BACKLOG_LIMIT =
            ConfigOptions.key("floe.sink.wal.backlog-limit")
                    .memoryType()
                    .defaultValue(MemorySize.parse("1gb"))
                    .withDescription(
                            "Bytes a partition's WAL may hold that are not yet durable in the"
                                    + " bucket. Past half of it the writer uploads what the WAL"
                                    + " holds without waiting for a checkpoint and appends slow"
                                    + " down; at the limit they block until that upload completes"
                                    + " (backpressure), so an object store outage cannot fill the"
                                    + " disk. 0 disables the limit.");

    public static final ConfigOption<Integer> WAL_IO_THREADS =
            ConfigOptions.key("floe.sink.wal.io-threads")
                    .intType()
                    .defaultValue(WalIoPool.DEFAULT_THREADS)
                    .withDescription(
                            "Threads of each writer that write and fsync the WALs of all its"
                                    + " partitions, whatever their number. At least 1.");

    public static final ConfigOption<MemorySize> WAL_BUFFER_MEMORY =
            ConfigOptions.key("floe.sink.wal.buffer-memory")
                    .memoryType()
                    .defaultValue(MemorySize.ofMebiBytes(64))
                    .withDescription(
                            "How much each writer's WAL write buffers together may grow beyond"
                                    + " their first 32 KiB each (direct memory). A busy partition's"
                                    + " buffers grow towards 1 MiB (or the largest record) while"
                                    + " there is room; past it they flush more often instead, so"
                                    + " memory stays bounded whatever the number of busy"
                                    + " partitions.");

    public static final ConfigOption<Boolean> TIER_ENABLED =
            ConfigOptions.key("floe.sink.tier.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Write each partition's records into Parquet objects from the"
                                    + " writer's WAL, and compact committed segment objects it does"
                                    + " not cover, in the background of each writer.");

    public static final ConfigOption<TierMode> TIER_MODE =
            ConfigOptions.key("floe.sink.tier.mode")
                    .enumType(TierMode.class)
                    .defaultValue(TierMode.INLINE)
                    .withDescription(
                            "Where committed segment objects become Parquet objects. INLINE: in the"
                                    + " background of each partition's writer, and a bounded job"
                                    + " ends with everything tiered. EXTERNAL: the sink only stages"
                                    + " and commits segment objects (a bounded job's end does not"
                                    + " tier), and a FloeTieringJob compacts them with its own"
                                    + " parallelism. floe.sink.tier.enabled = false turns"
                                    + " tiering in the sink off in both.");

    public static final ConfigOption<Boolean> TIER_ICEBERG =
            ConfigOptions.key("floe.sink.tier.iceberg")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Keep every stream an Iceberg table: each swap of Parquet objects also"
                                    + " commits them to the stream's table, whose metadata pointer"
                                    + " is kept in the manifest; the writer that collects garbage"
                                    + " reconciles the table with the manifest every minute.");

    public static final ConfigOption<Duration> TIER_ICEBERG_SNAPSHOT_RETENTION =
            ConfigOptions.key("floe.sink.tier.iceberg.snapshot-retention")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "How long the snapshots of a stream's Iceberg table are kept (time"
                                    + " travel, and engines reading an older metadata file); the"
                                    + " writer that collects garbage expires older ones, keeping the"
                                    + " current one, and deletes the table files only they used.");

    public static final ConfigOption<MemorySize> TIER_TARGET_SIZE =
            ConfigOptions.key("floe.sink.tier.target-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("128mb"))
                    .withDescription(
                            "Size of a Parquet object: a writer ends the object it builds from"
                                    + " its WAL at the next checkpoint boundary once it holds this"
                                    + " much; object size does not depend on the checkpoint"
                                    + " interval.");

    public static final ConfigOption<Duration> TIER_MAX_SEGMENT_AGE =
            ConfigOptions.key("floe.sink.tier.max-segment-age")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "A Parquet object below the target size ends at the next"
                                    + " checkpoint boundary once it has been open this long;"
                                    + " segment objects older than this are tiered even if the run"
                                    + " is below the target size.");

    public static final ConfigOption<Duration> TIER_SUPERSEDED_GRACE =
            ConfigOptions.key("floe.sink.tier.superseded-grace")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(15))
                    .withDescription(
                            "How long objects replaced by tiering stay readable before deletion;"
                                    + " longer than any reader needs to finish an object.");

    public static final ConfigOption<Integer> TIER_STREAMING_PARTITIONS =
            ConfigOptions.key("floe.sink.tier.streaming-partitions")
                    .intType()
                    .defaultValue(8)
                    .withDescription(
                            "A writer that owns at most this many partitions tiers each one from"
                                    + " its WAL on a thread of its own, building the Parquet"
                                    + " object while records arrive (lowest latency); a writer"
                                    + " that owns more tiers them on a pool of"
                                    + " floe.sink.tier.threads threads, building each object once"
                                    + " its range is committed and due, so threads and memory do"
                                    + " not grow with the partition count. 0: always the pool.");

    public static final ConfigOption<Integer> TIER_THREADS =
            ConfigOptions.key("floe.sink.tier.threads")
                    .intType()
                    .defaultValue(2)
                    .withDescription(
                            "Threads of a writer's tiering pool, used when the writer owns more"
                                    + " than floe.sink.tier.streaming-partitions partitions. Each"
                                    + " builds one Parquet object at a time. At least 1.");

    public static final ConfigOption<Integer> TIER_PARTITIONS_PER_OBJECT =
            ConfigOptions.key("floe.sink.tier.partitions-per-object")
                    .intType()
                    .defaultValue(64)
                    .withDescription(
                            "On a tiering pool, a partition whose due range is below the target"
                                    + " size shares one Parquet object with the committed ranges"
                                    + " of up to this many partitions of the stream (each in row"
                                    + " groups of its own), so small partitions still make"
                                    + " objects of a useful size. A reader of one partition reads"
                                    + " the object's footer, which grows with this count. 1: every"
                                    + " partition's own objects. At least 1.");

    public static final ConfigOption<Duration> TIER_INTERVAL =
            ConfigOptions.key("floe.sink.tier.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "How often each writer looks for tiering, deletion and local WAL"
                                    + " retention work.");

    public static final ConfigOption<Boolean> TAIL_ENABLED =
            ConfigOptions.key("floe.sink.tail.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Serve each partition's records not yet in the bucket on a tail"
                                    + " endpoint, registered in the manifest under the writer's"
                                    + " lease, for FloeSource readers in read-uncommitted mode."
                                    + " The WAL directory is registered either way: readers"
                                    + " that see it read the files directly.");

    public static final ConfigOption<String> TAIL_BIND_ADDRESS =
            ConfigOptions.key("floe.sink.tail.bind-address")
                    .stringType()
                    .defaultValue("127.0.0.1")
                    .withDescription(
                            "Address the tail endpoint listens on. The default serves readers on"
                                    + " the same host only; use 0.0.0.0 or the host's address for"
                                    + " readers elsewhere.");

    public static final ConfigOption<String> TAIL_ADVERTISED_HOST =
            ConfigOptions.key("floe.sink.tail.advertised-host")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Host name readers use to reach the tail endpoint. Unset: the bind"
                                    + " address, or this host's name when binding to all"
                                    + " addresses.");

    public static final ConfigOption<String> TAIL_PORT_RANGE =
            ConfigOptions.key("floe.sink.tail.port-range")
                    .stringType()
                    .defaultValue("0")
                    .withDescription(
                            "Port or range of ports for the tail endpoint, such as 50100-50200;"
                                    + " 0 takes any free port.");

    public static final ConfigOption<String> TAIL_TOKEN =
            ConfigOptions.key("floe.sink.tail.token")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Shared secret a reader must present to the tail endpoint"
                                    + " (floe.source.tail.token). Unset: no token.");

    public static final ConfigOption<String> TAIL_TLS_CERT_FILE =
            ConfigOptions.key("floe.sink.tail.tls.cert-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "PEM certificate of the tail endpoint, with"
                                    + " floe.sink.tail.tls.key-file: the endpoint then serves TLS"
                                    + " only, and readers need floe.source.tail.tls.ca-file. It"
                                    + " must name the advertised host. Unset: plain TCP.");

    public static final ConfigOption<String> TAIL_TLS_KEY_FILE =
            ConfigOptions.key("floe.sink.tail.tls.key-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----) of"
                                    + " floe.sink.tail.tls.cert-file.");

    public static final ConfigOption<Integer> TAIL_MAX_CONNECTIONS =
            ConfigOptions.key("floe.sink.tail.max-connections")
                    .intType()
                    .defaultValue(TailLimits.DEFAULT_MAX_CONNECTIONS)
                    .withDescription(
                            "Readers one writer's tail endpoint serves at once (one connection"
                                    + " per reader and partition); one more is refused with"
                                    + " 'too many readers' and reads committed records. Each"
                                    + " connection takes a thread and about 330 KiB of buffers."
                                    + " At least 1.");

    public static final ConfigOption<Duration> TAIL_MAX_LAG =
            ConfigOptions.key("floe.sink.tail.max-lag")
                    .durationType()
                    .defaultValue(TailLimits.DEFAULT_MAX_LAG)
                    .withDescription(
                            "Longest a tail reader may go without reaching the end of the"
                                    + " writer's log. A reader slower than the writer for this"
                                    + " long is cut off with the reason and reads committed"
                                    + " records before following the tail again.");

    public static final ConfigOption<Integer> TAIL_SERVING_THREADS =
            ConfigOptions.key("floe.sink.tail.serving-threads")
                    .intType()
                    .defaultValue(TailLimits.DEFAULT_SERVING_THREADS)
                    .withDescription(
                            "Tail connections that read and encode records at once; the others"
                                    + " wait their turn. Bounds the cores one writer's tail"
                                    + " endpoint takes from the writer however many readers"
                                    + " follow it. At least 1.");

    public static final ConfigOption<Duration> TAIL_WRITE_TIMEOUT =
            ConfigOptions.key("floe.sink.tail.write-timeout")
                    .durationType()
                    .defaultValue(TailLimits.DEFAULT_WRITE_TIMEOUT)
                    .withDescription(
                            "Longest one write to a tail reader's connection may block because"
                                    + " the reader does not read; then the endpoint closes the"
                                    + " connection and the reader reads committed records.");

    public static final ConfigOption<Duration> LEASE_TTL =
            ConfigOptions.key("floe.sink.lease-ttl")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "Lease of a writer's partition registrations in the manifest (one"
                                    + " lease for all the partitions a subtask owns); kept alive"
                                    + " while the writer runs.");

    public static final ConfigOption<MemorySize> STAGING_SECTION_SIZE =
            ConfigOptions.key("floe.sink.staging.section-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("8mb"))
                    .withDescription(
                            "At each checkpoint a writer stages every partition it owns into one"
                                    + " batch object, one section per partition. A partition that"
                                    + " gathers this many bytes (as logged) before the checkpoint"
                                    + " is written as a section right away, so large partitions"
                                    + " stream into the upload and the checkpoint waits only for"
                                    + " the rest. Each section is one object descriptor in the"
                                    + " manifest.");

    public static final ConfigOption<Duration> COMMIT_TIMEOUT =
            ConfigOptions.key("floe.sink.commit.timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(2))
                    .withDescription(
                            "How long one commit keeps retrying (with backoff) while the manifest"
                                    + " store is unavailable or an earlier commit is pending.");

    public static final ConfigOption<Duration> RESTORE_TIMEOUT =
            ConfigOptions.key("floe.sink.restore.timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(2))
                    .withDescription(
                            "How long a restoring writer waits for the commits of the restored"
                                    + " checkpoint to land before it takes its partitions.");
}
