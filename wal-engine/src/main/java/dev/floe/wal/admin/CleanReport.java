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
