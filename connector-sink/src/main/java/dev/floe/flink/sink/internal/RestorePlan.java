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
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.StreamConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.flink.configuration.ReadableConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where each partition a writer owns resumes. Without a restored checkpoint: at the
 * committed end. With one (exactly-once): at the end the checkpoint recorded, once the committer
 * has committed the checkpoint's objects up to it, so that nothing the checkpoint covers is lost
 * and nothing after it is kept. A partition's checkpointed end travels in the writer state; when a
 * rescale hands it to another subtask, that subtask publishes it in the manifest for the owner.
 * Used by one thread.
 */
final class RestorePlan {

    private static final Logger LOG = LoggerFactory.getLogger(RestorePlan.class);
    private static final long POLL_MILLIS = 20;

    private final ManifestStore manifest;
    private final StreamConfig stream;
    private final int subtask;
    private final int parallelism;
    private final String jobId;
    private final OptionalLong checkpointId;
    private final Duration timeout;

    RestorePlan(
            ManifestStore manifest,
            ReadableConfig config,
            StreamConfig stream,
            int subtask,
            int parallelism,
            String jobId,
            OptionalLong checkpointId) {
        this.manifest = manifest;
        this.stream = stream;
        this.subtask = subtask;
        this.parallelism = parallelism;
        this.jobId = jobId;
        this.checkpointId = checkpointId;
        this.timeout = config.get(FloeSinkOptions.RESTORE_TIMEOUT);
    }

    /** Resume from wherever the committed end is when the partition is taken (no checkpoint). */
    static final long COMMITTED_END = -1;

    /**
     * Offsets to resume at, by owned partition: each is the committed end on return, or {@link
     * #COMMITTED_END} when no checkpoint is restored.
     */
    Map<Integer, Long> targets(Collection<FloeWriterState> restored) throws InterruptedException {
        Map<Integer, Long> targets = new TreeMap<>();
        if (checkpointId.isEmpty()) {
            for (int p = subtask; p < stream.partitions(); p += parallelism) {
                targets.put(p, COMMITTED_END);
            }
            return targets;
        }
        String token = jobId + "-" + checkpointId.getAsLong();
        Map<Integer, Long> checkpointed = new HashMap<>();
        for (FloeWriterState s : restored) {
            if (!s.stream().equals(stream.name()) || !stream.hasPartition(s.partition())) {
                LOG.warn(
                        "Ignoring restored state of {}/{}: not part of stream {}",
                        s.stream(),
                        s.partition(),
                        stream.name());
            } else if (owns(s.partition())) {
                checkpointed.put(s.partition(), s.end());
            } else {
                manifest.putRestorePoint(
                        stream.name(), s.partition(), token, s.end(), timeout.multipliedBy(10));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int p = subtask; p < stream.partitions(); p += parallelism) {
            Long end = checkpointed.get(p);
            if (end == null) {
                end = awaitRestorePoint(p, token, deadline);
            }
            targets.put(p, awaitCommitted(p, end, deadline));
        }
        return targets;
    }

    private boolean owns(int partition) {
        return partition % parallelism == subtask;
    }

    private long awaitRestorePoint(int p, String token, long deadline) throws InterruptedException {
        while (true) {
            OptionalLong end = manifest.restorePoint(stream.name(), p, token);
            if (end.isPresent()) {
                return end.getAsLong();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Restoring checkpoint "
                                + checkpointId.getAsLong()
                                + ": no subtask handed over the position of "
                                + stream.name()
                                + "/"
                                + p
                                + " within "
                                + timeout
                                + ". The checkpoint holds no Floe sink state for this partition"
                                + " (was the sink added or the stream changed since?). Start the"
                                + " job without this checkpoint to append after the committed end.");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private long awaitCommitted(int p, long end, long deadline) throws InterruptedException {
        while (true) {
            PartitionHead head = manifest.head(stream.name(), p);
            if (head.committedEnd() == end) {
                return end;
            }
            if (head.committedEnd() > end) {
                throw new FloeFencedException(
                        "Stream "
                                + stream.name()
                                + "/"
                                + p
                                + " is committed up to "
                                + head.committedEnd()
                                + " (last commit "
                                + head.lastCommitId()
                                + "), past the end of the checkpoint being restored ("
                                + end
                                + "). The stream was written after this checkpoint: an older"
                                + " checkpoint or savepoint is being restored, or another job"
                                + " writes the stream. Restoring would write records twice;"
                                + " restore the latest checkpoint instead.");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Restoring checkpoint "
                                + checkpointId.getAsLong()
                                + ": "
                                + stream.name()
                                + "/"
                                + p
                                + " is committed up to "
                                + head.committedEnd()
                                + " but the checkpoint covers up to "
                                + end
                                + ", and the committer did not commit the rest within "
                                + timeout
                                + ". Is the manifest store reachable?");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
