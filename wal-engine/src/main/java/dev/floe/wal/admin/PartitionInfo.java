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
package dev.floe.wal.admin;

import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.WriterInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * One partition's state: its head (committed end, writer epoch, last commit id) and the writer
 * holding it now, if any. Immutable.
 *
 * @param stream the stream
 * @param partition the partition
 * @param head the committed state
 * @param writer the writer whose lease is alive, if any
 */
public record PartitionInfo(
        String stream, int partition, PartitionHead head, Optional<WriterInfo> writer) {

    public PartitionInfo {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(writer, "writer");
    }

    /** The offset after the last committed record. */
    public long committedEnd() {
        return head.committedEnd();
    }
}
