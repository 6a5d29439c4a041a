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
package dev.floe.flink.tiering;

import java.time.Duration;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/**
 * Options of {@link FloeTieringJob}; every builder setting but the parallelism is one of these, so
 * the job can also be configured from {@code config.yaml} or job parameters. Connection settings
 * are in {@link dev.floe.flink.connection.FloeConnectionOptions}. Stateless.
 */
@PublicEvolving
public final class FloeTieringOptions {

    private FloeTieringOptions() {}

    public static final ConfigOption<List<String>> STREAMS =
            ConfigOptions.key("floe.tiering.streams")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Streams whose segment objects the job compacts into Parquet,"
                                    + " separated by ';'. Unset: every stream of the namespace,"
                                    + " including streams created while an unbounded job runs.");

    public static final ConfigOption<Boolean> BOUNDED =
            ConfigOptions.key("floe.tiering.bounded")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "End the job once every partition of the streams found at its start"
                                    + " has no segment object left below its committed end and no"
                                    + " writer holds it: after a bounded sink job has finished, it"
                                    + " ends when every record is in Parquet. Partitions without a"
                                    + " writer are tiered whatever their size and age. Unbounded:"
                                    + " tier what is due, and look for new streams and partitions,"
                                    + " until cancelled.");

    public static final ConfigOption<Duration> INTERVAL =
            ConfigOptions.key("floe.tiering.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "How often each subtask looks for due tiering work on each of its"
                                    + " partitions, tries again to claim partitions claimed"
                                    + " elsewhere, and (subtask 0) deletes replaced objects whose"
                                    + " grace has passed.");

    public static final ConfigOption<Duration> DISCOVERY_INTERVAL =
            ConfigOptions.key("floe.tiering.discovery-interval")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "How often an unbounded job looks for new streams and for partitions"
                                    + " added to its streams.");

    public static final ConfigOption<MemorySize> TARGET_SIZE =
            ConfigOptions.key("floe.tiering.target-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("128mb"))
                    .withDescription("Segment-object bytes gathered into one Parquet object.");

    public static final ConfigOption<Duration> MAX_SEGMENT_AGE =
            ConfigOptions.key("floe.tiering.max-segment-age")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "A run of segment objects below the target size is tiered once its"
                                    + " first object is this old.");

    public static final ConfigOption<Boolean> ICEBERG =
            ConfigOptions.key("floe.tiering.iceberg")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Commit each swap of Parquet objects to the stream's Iceberg table too"
                                    + " (see floe.sink.tier.iceberg).");

    public static final ConfigOption<Duration> SUPERSEDED_GRACE =
            ConfigOptions.key("floe.tiering.superseded-grace")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(15))
                    .withDescription(
                            "How long segment objects replaced by Parquet objects stay readable"
                                    + " before they are deleted; longer than any reader needs to"
                                    + " finish an object.");

    public static final ConfigOption<Duration> LEASE_TTL =
            ConfigOptions.key("floe.tiering.lease-ttl")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "Lease of each partition's tiering claim in the manifest, kept alive"
                                    + " while a subtask tiers the partition. A job that dies holds"
                                    + " its partitions until the lease expires.");
}
