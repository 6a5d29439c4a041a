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
package dev.floe.flink.source;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Options of {@link FloeSource}; every builder setting is one of these. Connection settings are in
 * {@link dev.floe.flink.connection.FloeConnectionOptions}. Stateless.
 */
@PublicEvolving
public final class FloeSourceOptions {

    private FloeSourceOptions() {}

    /** Where reading starts in each partition. */
    public enum StartMode {
        /** The first offset still in the bucket. */
        EARLIEST,
        /** The committed end when the job starts: only new records. */
        LATEST,
        /** The first record at or after {@code floe.source.start.timestamp}. */
        TIMESTAMP,
        /** The offsets in {@code floe.source.start.offsets}; earliest for others. */
        OFFSETS,
        /**
         * The positions stored for {@code floe.source.consumer-id}; earliest for partitions without
         * one.
         */
        CONSUMER
    }

    /** Which records a reader sees. */
    public enum Isolation {
        /** Only records committed to the manifest (exactly-once from a FloeSink). */
        READ_COMMITTED,
        /**
         * Also records the writer's log holds but has not committed yet, from its tail endpoint, as
         * soon as they are written. After a writer fails over, records beyond the committed end may
         * be replaced by others at the same offsets.
         */
        READ_UNCOMMITTED
    }

    /** Where reading stops in each partition. */
    public enum StopMode {
        /** Never: follow new commits forever (a continuous, unbounded source). */
        UNBOUNDED,
        /** The committed end of each partition seen when the job first starts. */
        COMMITTED_AT_START,
        /**
         * The offsets in {@code floe.source.stop.offsets} (exclusive); a partition without one
         * stops at its committed end seen at start. An offset past the committed end waits for
         * commits up to it.
         */
        OFFSETS,
        /**
         * After the last record with a timestamp at or before {@code floe.source.stop.timestamp},
         * which must be in the past when the job starts.
         */
        TIMESTAMP
    }

    public static final ConfigOption<String> STREAM =
            ConfigOptions.key("floe.source.stream")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Name of the stream to read. Required.");

    public static final ConfigOption<StartMode> START =
            ConfigOptions.key("floe.source.start")
                    .enumType(StartMode.class)
                    .defaultValue(StartMode.EARLIEST)
                    .withDescription(
                            "Where reading starts: EARLIEST, LATEST, TIMESTAMP, OFFSETS or"
                                    + " CONSUMER. A restored job continues from its checkpoint"
                                    + " instead.");

    public static final ConfigOption<Long> START_TIMESTAMP =
            ConfigOptions.key("floe.source.start.timestamp")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "With start TIMESTAMP: epoch milliseconds; each partition starts at"
                                    + " its first record with a timestamp at or after it.");

    public static final ConfigOption<Map<String, String>> START_OFFSETS =
            ConfigOptions.key("floe.source.start.offsets")
                    .mapType()
                    .noDefaultValue()
                    .withDescription(
                            "With start OFFSETS: partition:offset pairs, such as '0:100,1:250'."
                                    + " An offset past the committed end is an error.");

    public static final ConfigOption<StopMode> STOP =
            ConfigOptions.key("floe.source.stop")
                    .enumType(StopMode.class)
                    .defaultValue(StopMode.UNBOUNDED)
                    .withDescription(
                            "Where reading stops: UNBOUNDED (follow new commits forever),"
                                    + " COMMITTED_AT_START (the committed end seen when the job"
                                    + " first starts), OFFSETS (floe.source.stop.offsets) or"
                                    + " TIMESTAMP (floe.source.stop.timestamp). Every mode but"
                                    + " UNBOUNDED makes a bounded source. Decided when the job"
                                    + " first starts; a restored job keeps its stops.");

    public static final ConfigOption<Map<String, String>> STOP_OFFSETS =
            ConfigOptions.key("floe.source.stop.offsets")
                    .mapType()
                    .noDefaultValue()
                    .withDescription(
                            "With stop OFFSETS: partition:offset pairs, such as '0:1000,1:2500';"
                                    + " each partition stops before that offset. A partition"
                                    + " without one stops at its committed end seen at start. An"
                                    + " offset past the committed end waits for commits up to"
                                    + " it; one below the start offset is an error.");

    public static final ConfigOption<Long> STOP_TIMESTAMP =
            ConfigOptions.key("floe.source.stop.timestamp")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "With stop TIMESTAMP: epoch milliseconds; each partition stops after"
                                    + " the committed objects whose records are all at or before"
                                    + " it (the objects' timestamp statistics decide, so an object"
                                    + " that straddles the timestamp is read whole). It must be in"
                                    + " the past when the job starts: a timestamp ahead of the"
                                    + " newest committed record is refused.");

    /**
     * Alias of stop COMMITTED_AT_START, kept for jobs written before {@link #STOP}; ignored when
     * {@link #STOP} is set.
     */
    public static final ConfigOption<Boolean> BOUNDED =
            ConfigOptions.key("floe.source.bounded")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Alias of floe.source.stop: COMMITTED_AT_START. true stops at the"
                                    + " committed end seen when the job starts; ignored when"
                                    + " floe.source.stop is set.");

    public static final ConfigOption<List<Integer>> PARTITIONS =
            ConfigOptions.key("floe.source.partitions")
                    .intType()
                    .asList()
                    .noDefaultValue()
                    .withDescription("Partitions to read. Unset: all of the stream's partitions.");

    public static final ConfigOption<Boolean> PARTITIONS_IGNORE_MISSING =
            ConfigOptions.key("floe.source.partitions.ignore-missing")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Leave out partitions of floe.source.partitions that the stream does"
                                    + " not have, instead of failing: a filter on partitions, such"
                                    + " as SQL's WHERE `partition` = 5, reads nothing from them.");

    public static final ConfigOption<Long> FROM_OFFSET =
            ConfigOptions.key("floe.source.from-offset")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "Reads no offset below this one in any partition: each starts at the"
                                    + " larger of its start position and this offset, waiting for"
                                    + " it to be committed when it is beyond the end.");

    public static final ConfigOption<Long> UNTIL_OFFSET =
            ConfigOptions.key("floe.source.until-offset")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "Reads no offset at or above this one in any partition: each stops"
                                    + " at the smaller of its stop position and this offset. An"
                                    + " unbounded source stays unbounded, with each partition"
                                    + " finished at this offset.");

    public static final ConfigOption<Long> FROM_TIMESTAMP =
            ConfigOptions.key("floe.source.from-timestamp")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "Drops records with a timestamp (epoch milliseconds) below this one;"
                                    + " each partition starts at its first committed object"
                                    + " holding a record at or after it, so older objects are not"
                                    + " read.");

    public static final ConfigOption<Long> UNTIL_TIMESTAMP =
            ConfigOptions.key("floe.source.until-timestamp")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "Drops records with a timestamp (epoch milliseconds) at or above"
                                    + " this one. Reading does not stop there: later records may"
                                    + " carry earlier timestamps; floe.source.stop decides where"
                                    + " it stops.");

    public static final ConfigOption<Long> MAX_RECORDS_PER_PARTITION =
            ConfigOptions.key("floe.source.max-records-per-partition")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "Stops each partition after this many offsets from its start (a"
                                    + " LIMIT pushed down by SQL). Ignored with start TIMESTAMP,"
                                    + " whose first records may be skipped.");

    public static final ConfigOption<List<String>> VALUE_FIELDS =
            ConfigOptions.key("floe.source.value-fields")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Value fields to read, for a stream with an Avro value schema. Parquet"
                                    + " objects then read only these columns, and every value"
                                    + " reaches the deserializer in the Avro encoding of the"
                                    + " projected schema (the chosen fields, in the stream"
                                    + " schema's order). Unset: the whole value.");

    public static final ConfigOption<String> CONSUMER_ID =
            ConfigOptions.key("floe.source.consumer-id")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Names this reader in the stream's consumer registry: when a"
                                    + " checkpoint completes, each partition's next offset is"
                                    + " stored in the manifest under this name, so its lag can be"
                                    + " read while the job is down and a new job can start from"
                                    + " it (start CONSUMER).");

    public static final ConfigOption<Duration> CONSUMER_TTL =
            ConfigOptions.key("floe.source.consumer-ttl")
                    .durationType()
                    .defaultValue(Duration.ofDays(7))
                    .withDescription(
                            "How long a consumer's stored positions outlive its last update.");

    public static final ConfigOption<Isolation> ISOLATION =
            ConfigOptions.key("floe.source.isolation")
                    .enumType(Isolation.class)
                    .defaultValue(Isolation.READ_COMMITTED)
                    .withDescription(
                            "READ_COMMITTED: only committed records. READ_UNCOMMITTED: also the"
                                    + " records a writer has not committed yet, read from its tail"
                                    + " endpoint as they are written (records past the committed"
                                    + " end may be replaced after a writer failover).");

    public static final ConfigOption<String> TAIL_TOKEN =
            ConfigOptions.key("floe.source.tail.token")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Token presented to writers' tail endpoints (floe.sink.tail.token).");

    public static final ConfigOption<String> TAIL_TLS_CA_FILE =
            ConfigOptions.key("floe.source.tail.tls.ca-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "PEM file of the CA certificates writers' tail endpoints are signed"
                                    + " by: set it to read endpoints that serve TLS"
                                    + " (floe.sink.tail.tls.cert-file). Unset: plain TCP.");

    public static final ConfigOption<Boolean> TAIL_LOCAL_FILES =
            ConfigOptions.key("floe.source.tail.local-files")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "With READ_UNCOMMITTED: read a writer's WAL files directly when they"
                                    + " are visible to the reader (the same host, or a shared file"
                                    + " system), instead of its tail endpoint. false: always use"
                                    + " the endpoint.");

    public static final ConfigOption<Duration> POLL_INTERVAL =
            ConfigOptions.key("floe.source.poll-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription(
                            "How often a reader that has read everything committed looks for"
                                    + " new commits.");

    public static final ConfigOption<Duration> PARTITION_DISCOVERY_INTERVAL =
            ConfigOptions.key("floe.source.partition-discovery-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How often an unbounded source reading all of a stream's partitions"
                                    + " looks for partitions added to the stream; new ones are"
                                    + " read from their earliest offset. 0 turns it off.");

    /**
     * The stop mode of {@code config}: {@link #STOP} when set, else COMMITTED_AT_START when {@link
     * #BOUNDED} is true, else UNBOUNDED.
     */
    public static StopMode stopMode(ReadableConfig config) {
        return config.getOptional(STOP)
                .orElse(config.get(BOUNDED) ? StopMode.COMMITTED_AT_START : StopMode.UNBOUNDED);
    }
}
