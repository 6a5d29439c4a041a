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
package dev.floe.flink.tiering.internal;

import dev.floe.flink.tiering.FloeTieringOptions;
import dev.floe.flink.tiering.TieredObject;
import org.apache.flink.annotation.Internal;
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
 * The source of the tiering job: its splits are partitions, its readers tier them, and its records
 * are the Parquet objects they committed. Immutable and serializable.
 */
@Internal
public final class TieringSource
        implements Source<TieredObject, TieringSplit, TieringEnumeratorState>,
                ResultTypeQueryable<TieredObject> {

    private static final long serialVersionUID = 1L;

    private final Configuration config;

    public TieringSource(Configuration config) {
        this.config = new Configuration(config);
    }

    @Override
    public Boundedness getBoundedness() {
        return config.get(FloeTieringOptions.BOUNDED)
                ? Boundedness.BOUNDED
                : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<TieredObject, TieringSplit> createReader(SourceReaderContext context) {
        return new TieringReader(config, context);
    }

    @Override
    public SplitEnumerator<TieringSplit, TieringEnumeratorState> createEnumerator(
            SplitEnumeratorContext<TieringSplit> context) {
        return new TieringEnumerator(context, config, TieringEnumeratorState.initial());
    }

    @Override
    public SplitEnumerator<TieringSplit, TieringEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<TieringSplit> context, TieringEnumeratorState state) {
        return new TieringEnumerator(context, config, state);
    }

    @Override
    public SimpleVersionedSerializer<TieringSplit> getSplitSerializer() {
        return TieringSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<TieringEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new TieringEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<TieredObject> getProducedType() {
        return TypeInformation.of(TieredObject.class);
    }
}
