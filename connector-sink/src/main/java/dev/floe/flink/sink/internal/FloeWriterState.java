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

import org.apache.flink.annotation.Internal;

/**
 * A partition's position in a checkpoint: the offset its log ended at when the checkpoint's objects
 * were staged, and the epoch that staged them. One per partition, so state moves with partitions
 * when the sink is rescaled. Immutable.
 */
@Internal
public record FloeWriterState(String stream, int partition, long end, long epoch) {}
