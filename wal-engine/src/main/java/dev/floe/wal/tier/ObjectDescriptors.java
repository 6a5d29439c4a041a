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
package dev.floe.wal.tier;

import dev.floe.wal.format.OffsetRangeSummary;
import dev.floe.wal.manifest.ObjectDescriptor;

/** The manifest descriptors of objects just written, from their writers' summaries. Stateless. */
public final class ObjectDescriptors {

    private ObjectDescriptors() {}

    /** The descriptor of object {@code key} of {@code sizeBytes}, written at {@code epoch}. */
    public static ObjectDescriptor of(
            ObjectDescriptor.Kind kind,
            String key,
            OffsetRangeSummary summary,
            long sizeBytes,
            long epoch) {
        return new ObjectDescriptor(
                kind,
                key,
                summary.startOffset(),
                summary.endOffset(),
                sizeBytes,
                summary.minTimestamp(),
                summary.maxTimestamp(),
                epoch);
    }
}
