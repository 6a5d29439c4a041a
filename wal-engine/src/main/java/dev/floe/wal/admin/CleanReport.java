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

import dev.floe.wal.manifest.GcEntry;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.PendingUpload;
import java.util.List;

/**
 * The outcome of {@link FloeAdmin#clean}: what was deleted (or, in a dry run, would be) and what
 * was kept. Immutable.
 *
 * @param stream the stream cleaned
 * @param mode whether anything was deleted
 * @param orphans objects of the stream no manifest references, older than the grace period
 * @param abandonedUploads unfinished uploads of the stream older than the grace period
 * @param keptAwaitingCommit unreferenced segment objects kept, whatever their age, because the
 *     partition's current writer may still commit them
 * @param superseded the stream's superseded objects whose grace period has ended
 * @param supersededOfOtherStreams superseded objects of other streams whose grace period has ended
 * @param supersededDeleted superseded objects deleted: the deletion queue is shared by every
 *     stream, so a cleaning run empties it of every due entry; 0 in a dry run
 */
public record CleanReport(
        String stream,
        CleanMode mode,
        List<ObjectInfo> orphans,
        List<PendingUpload> abandonedUploads,
        List<ObjectInfo> keptAwaitingCommit,
        List<GcEntry> superseded,
        int supersededOfOtherStreams,
        int supersededDeleted) {

    public CleanReport {
        orphans = List.copyOf(orphans);
        abandonedUploads = List.copyOf(abandonedUploads);
        keptAwaitingCommit = List.copyOf(keptAwaitingCommit);
        superseded = List.copyOf(superseded);
    }

    /** Size of the orphans together. */
    public long orphanBytes() {
        return orphans.stream().mapToLong(ObjectInfo::size).sum();
    }
}
