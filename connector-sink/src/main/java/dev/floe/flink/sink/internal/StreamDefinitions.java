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
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.StreamConfig;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Finds or creates the stream a sink writes, and checks that it fits the sink: partition count,
 * value schema, enough partitions for the subtasks. Stateless.
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
        if (!sameSchema(stream.valueSchema(), serializer.valueSchema())) {
            throw new FloeSetupException(
                    "Stream "
                            + name
                            + " stores values with schema "
                            + stream.valueSchema()
                            + " but the sink's serializer writes "
                            + serializer.valueSchema()
                            + ": use a serializer with the stream's schema, or another stream");
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

    private static boolean sameSchema(String stored, String written) {
        if (stored == null || written == null) {
            return Objects.equals(stored, written);
        }
        return new Schema.Parser().parse(stored).equals(new Schema.Parser().parse(written));
    }
}
