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
package dev.floe.examples.soak;

import java.util.List;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;

/**
 * The ranges of order numbers the ingest job's generator splits into: an unbounded {@code
 * OrderSources.generated} source splits its sequence into one split per subtask, each read in
 * order. Thread-safe.
 */
final class GeneratorSplits extends NumberSequenceSource {

    private static final long serialVersionUID = 1L;

    GeneratorSplits() {
        // As DataGeneratorSource numbers Long.MAX_VALUE orders: 0 to count - 1.
        super(0, Long.MAX_VALUE - 1);
    }

    /** The first and last number of each split of a generator of {@code parallelism} subtasks. */
    List<long[]> ranges(int parallelism) {
        return splitNumberRange(getFrom(), getTo(), parallelism).stream()
                .map(s -> new long[] {s.from(), s.to()})
                .toList();
    }
}
