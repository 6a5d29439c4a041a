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

import java.util.List;
import java.util.Objects;

/**
 * A request to commit objects that extend a partition from {@code expectedEnd} to {@code newEnd}.
 * Applied in one transaction only if the partition's epoch is still {@code epoch} and its committed
 * end is still {@code expectedEnd}. Immutable.
 *
 * @param stream the stream
 * @param partition the partition
 * @param epoch the writer's epoch, from {@link ManifestStore#acquire}
 * @param expectedEnd the committed end the writer builds on
 * @param objects descriptors of objects covering exactly {@code [expectedEnd, newEnd)}, in order
 * @param commitId a unique id of this commit (for example job, operator, checkpoint), used to
 *     recognise a replayed or unknown-outcome commit
 */
public record CommitRequest(
        String stream,
        int partition,
        long epoch,
        long expectedEnd,
        List<ObjectDescriptor> objects,
        String commitId) {

    public CommitRequest {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(commitId, "commitId");
        objects = List.copyOf(objects);
        if (objects.isEmpty()) {
            throw new IllegalArgumentException("a commit needs at least one object");
        }
        long next = expectedEnd;
        for (ObjectDescriptor o : objects) {
            if (o.startOffset() != next) {
                throw new IllegalArgumentException(
                        "commit "
                                + commitId
                                + " of "
                                + stream
                                + "/"
                                + partition
                                + ": object "
                                + o.key()
                                + " starts at "
                                + o.startOffset()
                                + ", expected "
                                + next);
            }
            next = o.endOffset();
        }
    }

    /** The committed end after this commit. */
    public long newEnd() {
        return objects.get(objects.size() - 1).endOffset();
    }
}
