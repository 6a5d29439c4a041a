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
package dev.floe.wal.manifest;

/**
 * The outcome of {@link ManifestStore#commit}, with the partition's head afterwards. Immutable.
 *
 * @param status what happened
 * @param head the partition's head as read in the same transaction (or after it)
 */
public record CommitResult(Status status, PartitionHead head) {

    /** What a commit did. */
    public enum Status {
        /** Applied now. */
        COMMITTED,
        /**
         * Applied earlier: the head carries this commit id, or the manifest holds this commit's
         * first object at its start offset.
         */
        ALREADY_COMMITTED,
        /** Refused: a newer writer has taken the partition (the head's epoch is higher). */
        FENCED,
        /**
         * Refused: the committed end is not where the request expected it (the head tells where it
         * is; a range below it may have been committed and compacted since).
         */
        CONFLICT
    }
}
