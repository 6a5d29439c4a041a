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

/** A change to a stream's manifest, as delivered by {@link ManifestStore#watch}. Immutable. */
public sealed interface ManifestEvent {

    int partition();

    /** A partition's head changed: a commit, or a new writer epoch. */
    record HeadChanged(int partition, PartitionHead head) implements ManifestEvent {}

    /** An object was added (by a commit or a compaction). */
    record ObjectAdded(int partition, ObjectDescriptor object) implements ManifestEvent {}

    /** The object starting at {@code startOffset} was removed (replaced by a compaction). */
    record ObjectRemoved(int partition, long startOffset) implements ManifestEvent {}
}
