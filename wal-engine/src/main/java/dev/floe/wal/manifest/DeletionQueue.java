package dev.floe.wal.manifest;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Superseded objects awaiting deletion after their grace period. Implementations are thread-safe.
 */
public interface DeletionQueue {

    /** Objects queued for deletion whose time has come, oldest first, at most {@code limit}. */
    List<GcEntry> gcDue(Instant now, int limit);

    /** Removes entries from the deletion queue once their objects are deleted. */
    void gcDone(Collection<GcEntry> entries);
}
