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
package dev.floe.wal.tier;

import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.manifest.SwapRequest;
import dev.floe.wal.object.ObjectStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one shared Parquet object from the committed ranges of several partitions of a {@link
 * TieringPool}, so that partitions too small for objects of their own still reach a useful object
 * size: the first partition's range is due, the others join with whatever committed range they
 * have. Each partition's records go into row groups of their own, and each partition swaps in its
 * own descriptor of the object, fenced by its own epoch, in as few manifest transactions as the
 * store allows; a partition whose swap fails retries it alone, and one whose swap is refused stops
 * its tiering, as it would with an object of its own. Stateless; a pool thread encodes each object
 * and a completion thread ends and swaps it in.
 */
final class SharedParquetBuild {

    private static final Logger LOG = LoggerFactory.getLogger(SharedParquetBuild.class);

    private SharedParquetBuild() {}

    /** A partition that takes part, with the range it adds. */
    private record Member(PooledTierer tierer, PooledTierer.Plan plan) {}

    /**
     * Builds and swaps in the object of {@code group}, all partitions of one stream: its first is
     * due, the others join. Encodes the object on the calling thread, reading the WAL through its
     * {@code readBuffer}, and hands its last steps (the upload's end, the swaps) to {@code
     * completion}, which runs them with {@code release}, to run once the group may be taken again;
     * returns whether it handed on {@code release}, or else returns once every step was tried.
     */
    static boolean run(
            List<PooledTierer> group,
            ManifestStore manifest,
            ObjectStore store,
            TierOptions options,
            Clock clock,
            ByteBuffer readBuffer,
            Runnable release,
            Consumer<Consumer<Runnable>> completion) {
        PooledTierer first = group.get(0);
        Map<Integer, PartitionHead> heads;
        try {
            heads =
                    manifest.heads(
                            first.stream.name(), group.stream().map(t -> t.partition).toList());
        } catch (RuntimeException e) {
            first.failed(e);
            return false;
        }
        TreeMap<Integer, Member> members = new TreeMap<>();
        boolean firstWaits = false;
        for (PooledTierer t : group) {
            PartitionHead head = heads.get(t.partition);
            try {
                PooledTierer.Plan plan = t == first ? t.plan(head) : t.planShared(head);
                if (plan != null) {
                    members.put(t.partition, new Member(t, plan));
                } else if (t == first) {
                    t.waitForCommit();
                    firstWaits = true;
                } else if (firstWaits) {
                    // Rather than each being taken, and its group's heads read, on its own.
                    t.waitForCommitWith(first);
                }
            } catch (RuntimeException e) {
                t.failed(e);
                if (t == first) {
                    return false;
                }
            }
        }
        if (firstWaits) {
            return false;
        }
        if (members.size() == 1) {
            return first.work(readBuffer, release);
        }
        return build(
                first,
                new ArrayList<>(members.values()),
                manifest,
                store,
                options,
                clock,
                readBuffer,
                completion);
    }

    /** Encodes the members' ranges, then hands the rest to {@code completion}, if it got there. */
    private static boolean build(
            PooledTierer first,
            List<Member> members,
            ManifestStore manifest,
            ObjectStore store,
            TierOptions options,
            Clock clock,
            ByteBuffer readBuffer,
            Consumer<Consumer<Runnable>> completion) {
        List<Member> written = new ArrayList<>();
        Member current = null;
        OpenParquetObject object = null;
        try {
            object =
                    OpenParquetObject.startShared(
                            store,
                            first.stream.name(),
                            first.epoch,
                            first.schema,
                            options.parquet(),
                            clock);
            for (Member m : members) {
                if (!written.isEmpty() && options.objectFull(object.dataSize(), 0)) {
                    break;
                }
                current = m;
                object.startPartition(m.tierer().partition);
                m.tierer().encode(object, m.plan(), readBuffer);
                written.add(m);
            }
            current = null;
        } catch (IOException | RuntimeException e) {
            abortAndFail(object, current != null ? current.tierer() : first, e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abortAndFail(object, current != null ? current.tierer() : first, e);
            return false;
        }
        OpenParquetObject encoded = object;
        completion.accept(release -> finishAndSwap(first, encoded, written, manifest, release));
        return true;
    }

    /**
     * Ends the object and its upload, and swaps its partitions' descriptors in, once their ranges
     * are committed; then runs {@code release}.
     */
    private static void finishAndSwap(
            PooledTierer first,
            OpenParquetObject object,
            List<Member> written,
            ManifestStore manifest,
            Runnable release) {
        Map<Integer, ObjectDescriptor> descriptors;
        try {
            Map<Integer, Long> epochs = new TreeMap<>();
            written.forEach(m -> epochs.put(m.tierer().partition, m.tierer().epoch));
            descriptors = object.finishShared(epochs::get);
        } catch (IOException | RuntimeException e) {
            abortAndFail(object, first, e);
            release.run();
            return;
        }
        long rows = descriptors.values().stream().mapToLong(ObjectDescriptor::recordCount).sum();
        ObjectDescriptor any = descriptors.values().iterator().next();
        LOG.debug(
                "Finished shared Parquet object {} of {} partitions, {} records, {} bytes",
                any.key(),
                descriptors.size(),
                rows,
                any.sizeBytes());
        List<Swap> swaps = new ArrayList<>();
        for (Member m : written) {
            ObjectDescriptor d = descriptors.get(m.tierer().partition);
            if (d != null) {
                long bytes = any.sizeBytes() * d.recordCount() / rows;
                m.tierer().keepUnswapped(d, bytes);
                swaps.add(new Swap(m.tierer(), d, bytes));
            }
        }
        Runnable swapAll =
                () -> {
                    try {
                        swapAll(first, swaps, manifest);
                    } finally {
                        release.run();
                    }
                };
        if (written.stream().allMatch(m -> m.plan().committed())) {
            swapAll.run();
        } else {
            Map<Integer, Long> ends = new TreeMap<>();
            swaps.forEach(s -> ends.put(s.tierer().partition, s.object().endOffset()));
            first.pool()
                    .commitWaiter()
                    .add(
                            new CommitWaiter.Wait(
                                    first.stream.name(),
                                    swaps.stream().map(Swap::tierer).toList(),
                                    ends,
                                    swapAll,
                                    release));
        }
    }

    /** One partition's descriptor of the object, with its share of the object's bytes. */
    private record Swap(PooledTierer tierer, ObjectDescriptor object, long parquetBytes) {}

    /**
     * Swaps every partition's descriptor in, in as few manifest transactions as the store allows; a
     * partition whose swap failed tries again alone.
     */
    private static void swapAll(PooledTierer first, List<Swap> swaps, ManifestStore manifest) {
        String stream = first.stream.name();
        List<List<ObjectDescriptor>> found;
        try {
            found =
                    manifest.objects(
                            stream,
                            swaps.stream().map(s -> s.tierer().swapper.range(s.object())).toList());
        } catch (RuntimeException e) {
            swaps.forEach(s -> s.tierer().failed(e));
            return;
        }
        List<Swap> pending = new ArrayList<>();
        List<SwapRequest> requests = new ArrayList<>();
        Map<Integer, ObjectDescriptor> committed = new TreeMap<>();
        for (int i = 0; i < swaps.size(); i++) {
            Swap s = swaps.get(i);
            try {
                SwapRequest request = s.tierer().swapper.request(found.get(i), s.object());
                if (request == null) {
                    s.tierer().swapper.swapped(s.object(), null);
                    s.tierer().swapped(s.object(), s.parquetBytes());
                    committed.put(s.tierer().partition, s.object());
                } else {
                    pending.add(s);
                    requests.add(request);
                }
            } catch (IOException | RuntimeException e) {
                s.tierer().failed(e);
            }
        }
        List<Boolean> results = List.of();
        try {
            if (!requests.isEmpty()) {
                results = manifest.swapAll(stream, requests);
            }
        } catch (RuntimeException e) {
            pending.forEach(s -> s.tierer().failed(e));
            pending.clear();
        }
        for (int i = 0; i < pending.size(); i++) {
            Swap s = pending.get(i);
            if (results.get(i)) {
                s.tierer().swapper.swapped(s.object(), requests.get(i));
                s.tierer().swapped(s.object(), s.parquetBytes());
                committed.put(s.tierer().partition, s.object());
            } else {
                try {
                    s.tierer().failed(s.tierer().swapper.refused(s.object()));
                } catch (IOException e) {
                    s.tierer().failed(e);
                }
            }
        }
        if (!committed.isEmpty()) {
            first.swapper.tableCommits().swapped(stream, committed);
        }
    }

    private static void abortAndFail(OpenParquetObject object, PooledTierer culprit, Exception e) {
        if (object != null) {
            object.abort();
        }
        culprit.failed(e);
    }
}
