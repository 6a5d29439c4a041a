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

import dev.floe.flink.source.enumerator.FloeEnumerator;
import dev.floe.flink.source.enumerator.FloeEnumeratorState;
import dev.floe.flink.source.enumerator.FloeEnumeratorStateSerializer;
import dev.floe.flink.source.reader.FloeSourceReader;
import dev.floe.flink.source.split.FloeSplit;
import dev.floe.flink.source.split.FloeSplitSerializer;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Flink source that reads a Floe stream's committed records from the bucket, partition by
 * partition in offset order, from a chosen start up to a chosen stop (the committed end seen at
 * start, offsets, or a timestamp: a bounded source), or following new commits forever. Build one
 * with {@link #builder()}; the source itself is immutable and serializable.
 *
 * @param <T> the element type
 */
@PublicEvolving
public final class FloeSource<T>
        implements Source<T, FloeSplit, FloeEnumeratorState>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final Configuration config;
    private final FloeDeserializer<T> deserializer;

    FloeSource(Configuration config, FloeDeserializer<T> deserializer) {
        this.config = config;
        this.deserializer = deserializer;
    }

    public static <T> FloeSourceBuilder<T> builder() {
        return new FloeSourceBuilder<>();
    }

    @Override
    public Boundedness getBoundedness() {
        return FloeSourceOptions.stopMode(config) == FloeSourceOptions.StopMode.UNBOUNDED
                ? Boundedness.CONTINUOUS_UNBOUNDED
                : Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<T, FloeSplit> createReader(SourceReaderContext context) {
        return new FloeSourceReader<>(config, deserializer, context);
    }

    @Override
    public SplitEnumerator<FloeSplit, FloeEnumeratorState> createEnumerator(
            SplitEnumeratorContext<FloeSplit> context) {
        return new FloeEnumerator(context, config, FloeEnumeratorState.initial());
    }

    @Override
    public SplitEnumerator<FloeSplit, FloeEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<FloeSplit> context, FloeEnumeratorState state) {
        return new FloeEnumerator(context, config, state);
    }

    @Override
    public SimpleVersionedSerializer<FloeSplit> getSplitSerializer() {
        return FloeSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<FloeEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new FloeEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return deserializer.producedType();
    }
}
