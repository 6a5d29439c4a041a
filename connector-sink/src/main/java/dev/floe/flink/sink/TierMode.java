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

import org.apache.flink.annotation.PublicEvolving;

/**
 * Where committed segment objects are compacted into Parquet objects ({@link
 * FloeSinkOptions#TIER_MODE}).
 */
@PublicEvolving
public enum TierMode {
    /** In the background of each partition's writer, in the sink's TaskManagers (the default). */
    INLINE,
    /**
     * Outside the sink: it only stages and commits segment objects, and a separate {@link
     * dev.floe.flink.tiering.FloeTieringJob} compacts them, with its own parallelism.
     */
    EXTERNAL
}
