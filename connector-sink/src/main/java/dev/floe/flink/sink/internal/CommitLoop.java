package dev.floe.flink.sink.internal;

import dev.floe.flink.sink.FloeFencedException;
import dev.floe.wal.manifest.CommitResult;
import dev.floe.wal.manifest.ManifestException;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.PartitionHead;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits one {@link FloeCommittable}, retrying with backoff while the manifest store is
 * unavailable or an earlier commit of the partition is still pending, up to a deadline. Decides
 * whether a refused commit was in fact applied before. Stateless and thread-safe.
 */
final class CommitLoop {

    /** How a commit ended. */
    enum Outcome {
        COMMITTED,
        ALREADY_COMMITTED,
        /** Not decided within the deadline; the committable is kept and retried later. */
        RETRY_LATER
    }

    private static final Logger LOG = LoggerFactory.getLogger(CommitLoop.class);
    private static final long FIRST_BACKOFF_MILLIS = 20;
    private static final long MAX_BACKOFF_MILLIS = 2_000;

    private CommitLoop() {}

    /**
     * @throws FloeFencedException if a newer writer owns the partition and the committable's range
     *     is not committed
     * @throws IllegalStateException if the partition's committed end contradicts the committable in
     *     a way no retry can fix
     */
    static Outcome commit(
            ManifestStore manifest, FloeCommittable c, Duration timeout, Runnable onRetry)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long backoff = FIRST_BACKOFF_MILLIS;
        boolean warned = false;
        while (true) {
            String waitingFor;
            boolean storeDown = false;
            try {
                CommitResult result = manifest.commit(c.toRequest());
                Outcome decided = decide(c, result);
                if (decided != null) {
                    return decided;
                }
                waitingFor =
                        "the partition's committed end to reach "
                                + c.expectedEnd()
                                + " (it is "
                                + result.head().committedEnd()
                                + "): an earlier commit is pending";
            } catch (ManifestException e) {
                waitingFor = "the manifest store: " + e.getMessage();
                storeDown = true;
            }
            if (System.nanoTime() > deadline) {
                LOG.warn("{}: not decided within {}; waiting for {}", c, timeout, waitingFor);
                return Outcome.RETRY_LATER;
            }
            onRetry.run();
            if (storeDown && !warned) {
                LOG.warn("{}: waiting for {}; retrying for up to {}", c, waitingFor, timeout);
                warned = true;
            } else {
                LOG.debug("{}: retrying in {} ms, waiting for {}", c, backoff, waitingFor);
            }
            Thread.sleep(backoff);
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    /** The outcome of a commit attempt, or null to retry. */
    private static Outcome decide(FloeCommittable c, CommitResult result) {
        PartitionHead head = result.head();
        switch (result.status()) {
            case COMMITTED:
                return Outcome.COMMITTED;
            case ALREADY_COMMITTED:
                return Outcome.ALREADY_COMMITTED;
            case FENCED:
                if (head.committedEnd() >= c.newEnd()) {
                    // The range was committed before the epoch moved (a restore of this job
                    // replays it after its objects were compacted).
                    LOG.info("{}: range committed before epoch {} took over", c, head.epoch());
                    return Outcome.ALREADY_COMMITTED;
                }
                throw new FloeFencedException(
                        c
                                + " was refused: another writer took the partition at epoch "
                                + head.epoch()
                                + " (last commit "
                                + head.lastCommitId()
                                + ", committed end "
                                + head.committedEnd()
                                + "). Two jobs are writing stream "
                                + c.stream()
                                + ": stop one of them.");
            case CONFLICT:
                if (head.epoch() == c.epoch() && head.committedEnd() >= c.newEnd()) {
                    // Only this writer commits at its epoch, in order: the range is committed
                    // (and its objects since compacted, so the commit id is no longer visible).
                    return Outcome.ALREADY_COMMITTED;
                }
                if (head.epoch() == c.epoch() && head.committedEnd() < c.expectedEnd()) {
                    return null;
                }
                throw new IllegalStateException(
                        c
                                + " contradicts the manifest: the partition's committed end is "
                                + head.committedEnd()
                                + " at epoch "
                                + head.epoch()
                                + " (last commit "
                                + head.lastCommitId()
                                + ")");
            default:
                throw new IllegalStateException("unknown commit status " + result.status());
        }
    }
}
