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
package dev.floe.flink.sink.internal;

import dev.floe.flink.sink.FloeRecordSerializer;
import dev.floe.flink.sink.FloeSetupException;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.wal.manifest.IncompatibleSchemaException;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.SchemaEvolution;
import dev.floe.wal.manifest.SchemaVersion;
import dev.floe.wal.manifest.StreamConfig;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Finds or creates the stream a sink writes, and checks that it fits the sink: partition count,
 * enough partitions for the subtasks, a value schema the stream's history has or can take.
 * Stateless.
 */
final class StreamDefinitions {

    private StreamDefinitions() {}

    static StreamConfig resolve(
            ManifestStore manifest,
            ReadableConfig config,
            FloeRecordSerializer<?> serializer,
            int parallelism,
            boolean bySubtask) {
        String name = config.get(FloeSinkOptions.STREAM);
        Optional<Integer> partitions = config.getOptional(FloeSinkOptions.PARTITIONS);
        Optional<StreamConfig> existing = manifest.stream(name);
        StreamConfig stream;
        if (existing.isPresent()) {
            stream = existing.get();
        } else if (config.get(FloeSinkOptions.CREATE_STREAM)) {
            stream =
                    manifest.createStream(
                            new StreamConfig(
                                    name,
                                    partitions.orElse(parallelism),
                                    serializer.valueSchema(),
                                    Map.of()));
        } else {
            throw new FloeSetupException(
                    "Stream "
                            + name
                            + " does not exist in "
                            + manifest.describe()
                            + ": create it, or set "
                            + FloeSinkOptions.CREATE_STREAM.key()
                            + " = true");
        }
        if (partitions.isPresent() && partitions.get() != stream.partitions()) {
            throw new FloeSetupException(
                    "Stream "
                            + name
                            + " has "
                            + stream.partitions()
                            + " partitions, but "
                            + FloeSinkOptions.PARTITIONS.key()
                            + " = "
                            + partitions.get());
        }
        if (bySubtask && stream.partitions() < parallelism) {
            throw new FloeSetupException(
                    "Stream "
                            + name
                            + " has "
                            + stream.partitions()
                            + " partitions but the sink runs "
                            + parallelism
                            + " subtasks: with by-subtask routing every subtask needs a"
                            + " partition. Lower the sink's parallelism, grow the stream, or route"
                            + " by key hash or a custom partitioner.");
        }
        return stream;
    }

    /**
     * The version of the stream's value schema the sink writes: the serializer's schema, found in
     * the stream's history or registered as a new version if it can read every earlier one.
     *
     * @throws FloeSetupException if the serializer's schema cannot read values of an earlier
     *     version, naming the field and the rule
     */
    static SchemaVersion valueSchema(
            ManifestStore manifest, StreamConfig stream, FloeRecordSerializer<?> serializer) {
        try {
            return SchemaEvolution.versionFor(
                    manifest, stream, serializer.valueSchema(), Clock.systemUTC());
        } catch (IncompatibleSchemaException e) {
            throw new FloeSetupException(e.getMessage());
        }
    }
}
