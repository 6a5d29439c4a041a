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

import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * What the tiering job's enumerator checkpoints. Immutable.
 *
 * @param discovered whether the streams' partitions have been listed (a bounded job lists them
 *     once, at its first start)
 * @param known every split found so far, assigned or not: those are never handed out twice
 * @param unassigned the known splits not yet handed to a reader
 */
@Internal
public record TieringEnumeratorState(
        boolean discovered, List<TieringSplit> known, List<TieringSplit> unassigned) {

    public TieringEnumeratorState {
        known = List.copyOf(known);
        unassigned = List.copyOf(unassigned);
    }

    public static TieringEnumeratorState initial() {
        return new TieringEnumeratorState(false, List.of(), List.of());
    }
}
