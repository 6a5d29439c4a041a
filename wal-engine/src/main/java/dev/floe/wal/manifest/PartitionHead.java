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
 * The committed state of one partition. Immutable.
 *
 * @param committedEnd offset after the last committed record (0 for an empty partition)
 * @param epoch the current writer epoch; each {@link ManifestStore#acquire} raises it by one
 * @param lastCommitId id of the last commit, or null if none
 */
public record PartitionHead(long committedEnd, long epoch, String lastCommitId) {

    public static final PartitionHead EMPTY = new PartitionHead(0, 0, null);

    /**
     * Whether a range staged by a writer at {@code epoch} from {@code start} may still be committed
     * on top of this head (a checkpoint that completed just before its job stopped is committed
     * when the job restores). A later epoch or a committed end past the start means the writer's
     * range was taken over, so it can never be committed.
     */
    public boolean mayStillCommit(long epoch, long start) {
        return epoch >= this.epoch && start >= committedEnd;
    }
}
