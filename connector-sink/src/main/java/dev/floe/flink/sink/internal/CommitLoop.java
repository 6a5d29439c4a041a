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

import dev.floe.flink.sink.FloeFencedException;
import dev.floe.wal.error.RetriableFloeException;
import dev.floe.wal.manifest.CommitResult;
import dev.floe.wal.manifest.ManifestException;
import dev.floe.wal.manifest.PartitionCommits;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.retry.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits one {@link FloeCommittable}, retrying with backoff while the manifest store fails with a
 * {@link RetriableFloeException} (unavailable, or the outcome of the last attempt unknown) or an
 * earlier commit of the partition is still pending, up to a time budget. Any other failure ends the
 * commit at once. Decides whether a refused commit was in fact applied before. Stateless and
 * thread-safe.
 */
final class CommitLoop {

    /** How a commit ended. */
    enum Outcome {
        COMMITTED,
        ALREADY_COMMITTED,
        /** Not decided within the budget; the committable is kept and retried later. */
        RETRY_LATER
    }

    private static final Logger LOG = LoggerFactory.getLogger(CommitLoop.class);

    /** Pauses between attempts; the commit timeout is the budget. */
    static final Backoff.Policy PAUSES =
            Backoff.exponential(Duration.ofMillis(20), Duration.ofSeconds(2));

    private CommitLoop() {}

    /** Commits with {@link #PAUSES} for up to {@code timeout}. */
    static Outcome commit(
            PartitionCommits manifest, FloeCommittable c, Duration timeout, Runnable onRetry)
            throws InterruptedException {
        return commit(manifest, c, PAUSES.withBudget(timeout), onRetry);
    }

    /**
     * @param retry the pauses between attempts and the budget after which the commit is handed back
     *     undecided
     * @param onRetry called before each further attempt
     * @throws FloeFencedException if a newer writer owns the partition and the committable's range
     *     is not committed
     * @throws ManifestException naming the committable, if the manifest refuses the commit for good
     *     (the stream or partition does not exist, for example)
     * @throws IllegalStateException if the partition's committed end contradicts the committable in
     *     a way no retry can fix
     */
    static Outcome commit(
            PartitionCommits manifest, FloeCommittable c, Backoff.Policy retry, Runnable onRetry)
            throws InterruptedException {
        Backoff backoff = retry.start();
        boolean warned = false;
        while (true) {
            String waitingFor;
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
            } catch (RetriableFloeException e) {
                waitingFor = "the manifest store: " + e.getMessage();
                if (!warned) {
                    LOG.warn("{}: waiting for {}; retrying, {}", c, waitingFor, retry);
                    warned = true;
                }
            } catch (ManifestException e) {
                throw new ManifestException(c + " cannot be committed: " + e.getMessage(), e);
            }
            LOG.debug("{}: retrying in {}, waiting for {}", c, backoff.nextDelay(), waitingFor);
            if (!backoff.pause()) {
                LOG.warn(
                        "{}: not decided within {}; waiting for {}",
                        c,
                        backoff.elapsed(),
                        waitingFor);
                return Outcome.RETRY_LATER;
            }
            onRetry.run();
        }
    }

    /** How one committable of a round ended: an outcome, or the failure that ended it. */
    record Ended(Outcome outcome, RuntimeException failure) {}

    /**
     * Commits a round of committables of distinct partitions (usually one writer's checkpoint) in
     * as few transactions as the manifest allows, then commits any the batch did not decide (a
     * refused or unanswered transaction, an earlier commit pending) one by one as {@link #commit}
     * does. Returns how each ended, in order.
     */
    static List<Ended> commitRound(
            PartitionCommits manifest,
            List<FloeCommittable> round,
            Backoff.Policy retry,
            Runnable onRetry)
            throws InterruptedException {
        List<CommitResult> batch = null;
        if (round.size() > 1) {
            try {
                batch = manifest.commitAll(round.stream().map(FloeCommittable::toRequest).toList());
            } catch (RuntimeException e) {
                LOG.debug(
                        "A batched commit of {} partitions failed: {}", round.size(), e.toString());
            }
        }
        List<Ended> ended = new ArrayList<>(round.size());
        for (int i = 0; i < round.size(); i++) {
            FloeCommittable c = round.get(i);
            try {
                Outcome decided = batch == null ? null : decide(c, batch.get(i));
                ended.add(
                        new Ended(
                                decided != null ? decided : commit(manifest, c, retry, onRetry),
                                null));
            } catch (RuntimeException e) {
                ended.add(new Ended(null, e));
            }
        }
        return ended;
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
