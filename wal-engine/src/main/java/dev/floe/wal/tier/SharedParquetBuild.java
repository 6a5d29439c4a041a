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
import dev.floe.wal.object.ObjectStore;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one shared Parquet object from the committed ranges of several partitions of a {@link
 * TieringPool}, so that partitions too small for objects of their own still reach a useful object
 * size: the first partition's range is due, the others join with whatever committed range they
 * have. Each partition's records go into row groups of their own, and each partition swaps in its
 * own descriptor of the object, fenced by its own epoch; a partition whose swap fails retries it
 * alone, and one whose swap is refused leaves its range to the next object. Stateless; one pool
 * thread runs each build.
 */
final class SharedParquetBuild {

    private static final Logger LOG = LoggerFactory.getLogger(SharedParquetBuild.class);

    private SharedParquetBuild() {}

    /** A partition that takes part, with the range it adds. */
    private record Member(PooledTierer tierer, PooledTierer.Plan plan) {}

    /**
     * Builds and swaps in the object of {@code group}, all partitions of one stream: its first is
     * due, the others join. Returns once every swap was tried.
     */
    static void run(
            List<PooledTierer> group,
            ManifestStore manifest,
            ObjectStore store,
            TierOptions options,
            Clock clock) {
        PooledTierer first = group.get(0);
        Map<Integer, PartitionHead> heads;
        try {
            heads =
                    manifest.heads(
                            first.stream.name(), group.stream().map(t -> t.partition).toList());
        } catch (RuntimeException e) {
            first.failed(e);
            return;
        }
        TreeMap<Integer, Member> members = new TreeMap<>();
        for (PooledTierer t : group) {
            PartitionHead head = heads.get(t.partition);
            try {
                PooledTierer.Plan plan = t == first ? t.plan(head) : t.planShared(head);
                if (plan != null) {
                    members.put(t.partition, new Member(t, plan));
                } else if (t == first) {
                    t.waitForCommit();
                    return;
                }
            } catch (RuntimeException e) {
                t.failed(e);
                if (t == first) {
                    return;
                }
            }
        }
        if (members.size() == 1) {
            first.work();
            return;
        }
        build(first, new ArrayList<>(members.values()), store, options, clock);
    }

    private static void build(
            PooledTierer first,
            List<Member> members,
            ObjectStore store,
            TierOptions options,
            Clock clock) {
        List<Member> written = new ArrayList<>();
        Map<Integer, ObjectDescriptor> descriptors;
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
                m.tierer().encode(object, m.plan());
                written.add(m);
            }
            current = null;
            Map<Integer, Long> epochs = new TreeMap<>();
            written.forEach(m -> epochs.put(m.tierer().partition, m.tierer().epoch));
            descriptors = object.finishShared(epochs::get);
        } catch (IOException | RuntimeException e) {
            abortAndFail(object, current != null ? current.tierer() : first, e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abortAndFail(object, current != null ? current.tierer() : first, e);
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
        for (Member m : written) {
            ObjectDescriptor d = descriptors.get(m.tierer().partition);
            if (d != null) {
                m.tierer().swap(d, any.sizeBytes() * d.recordCount() / rows);
            }
        }
    }

    private static void abortAndFail(OpenParquetObject object, PooledTierer culprit, Exception e) {
        if (object != null) {
            object.abort();
        }
        culprit.failed(e);
    }
}
