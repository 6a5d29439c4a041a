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

import dev.floe.wal.manifest.CommitRequest;
import dev.floe.wal.manifest.ObjectDescriptor;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * What a writer hands to the committer at a checkpoint: the objects that extend one partition from
 * {@code expectedEnd}, staged under {@code epoch}. Immutable.
 */
@Internal
public record FloeCommittable(
        String stream,
        int partition,
        long epoch,
        long expectedEnd,
        List<ObjectDescriptor> objects,
        String commitId) {

    public FloeCommittable {
        objects = List.copyOf(objects);
    }

    public long newEnd() {
        return objects.get(objects.size() - 1).endOffset();
    }

    CommitRequest toRequest() {
        return new CommitRequest(stream, partition, epoch, expectedEnd, objects, commitId);
    }

    @Override
    public String toString() {
        return "commit "
                + commitId
                + " of "
                + stream
                + "/"
                + partition
                + " ["
                + expectedEnd
                + ", "
                + newEnd()
                + ") epoch "
                + epoch;
    }
}
