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

import dev.floe.wal.admin.VerifyReport.Problem;
import dev.floe.wal.error.FloeErrors;
import dev.floe.wal.format.SegmentObjectReader;
import dev.floe.wal.format.SegmentObjectSummary;
import dev.floe.wal.format.SegmentRecordCursor;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.tier.BucketLayout;
import dev.floe.wal.tier.ObjectRangeSource;
import dev.floe.wal.tier.TierStores;
import dev.floe.wal.tier.parquet.ParquetObjectReader;
import dev.floe.wal.tier.parquet.ParquetRecordIterator;
import dev.floe.wal.tier.parquet.ReadRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks one partition against its manifest: the committed objects cover offsets 0 to the committed
 * end without gap or overlap, each exists in its store with the recorded size, and (at {@link
 * VerifyLevel#FULL}) each reads back completely with every checksum checked and exactly the offsets
 * its descriptor names. Collects every problem rather than stopping at the first. Thread-safe.
 */
final class PartitionVerifier {

    private final ManifestStore manifest;
    private final TierStores stores;
    private final VerifyLevel level;

    PartitionVerifier(ManifestStore manifest, TierStores stores, VerifyLevel level) {
        this.manifest = manifest;
        this.stores = stores;
        this.level = level;
    }

    /**
     * Checks the partition.
     *
     * @param totals where its objects are added, for totals over several partitions
     */
    VerifyReport.Partition verify(String stream, int partition, ObjectTotals totals) {
        List<Problem> problems = new ArrayList<>();
        PartitionHead head = manifest.head(stream, partition);
        List<ObjectDescriptor> objects = manifest.objects(stream, partition, 0, Long.MAX_VALUE);
        long expected = 0;
        long bytes = 0;
        long records = 0;
        for (ObjectDescriptor o : objects) {
            if (o.startOffset() > expected) {
                problems.add(
                        new Problem(
                                Problem.Type.GAP,
                                stream,
                                partition,
                                expected,
                                null,
                                "offsets ["
                                        + expected
                                        + ", "
                                        + o.startOffset()
                                        + ") are in no object (gap before "
                                        + o.key()
                                        + ")"));
            } else if (o.startOffset() < expected) {
                problems.add(
                        new Problem(
                                Problem.Type.OVERLAP,
                                stream,
                                partition,
                                o.startOffset(),
                                o.key(),
                                "object "
                                        + o.key()
                                        + " ["
                                        + o.startOffset()
                                        + ", "
                                        + o.endOffset()
                                        + ") overlaps the previous object, which ends at "
                                        + expected));
            }
            expected = Math.max(expected, o.endOffset());
            bytes += o.sizeBytes();
            totals.add(o);
            records += o.recordCount();
            check(stream, partition, o).ifPresent(problems::add);
        }
        if (expected < head.committedEnd()) {
            problems.add(
                    new Problem(
                            Problem.Type.UNCOVERED,
                            stream,
                            partition,
                            expected,
                            null,
                            "offsets ["
                                    + expected
                                    + ", "
                                    + head.committedEnd()
                                    + ") are committed (head) but in no object"));
        } else if (expected > head.committedEnd()) {
            problems.add(
                    new Problem(
                            Problem.Type.PAST_COMMITTED_END,
                            stream,
                            partition,
                            head.committedEnd(),
                            null,
                            "objects reach offset "
                                    + expected
                                    + ", past the committed end "
                                    + head.committedEnd()));
        }
        return new VerifyReport.Partition(
                stream, partition, objects.size(), bytes, records, problems);
    }

    /** The problem with one object, if any. */
    private Optional<Problem> check(String stream, int partition, ObjectDescriptor o) {
        ObjectStore store = stores.store(o.kind());
        String what =
                o.kind().name().toLowerCase(Locale.ROOT)
                        + " object "
                        + o.key()
                        + " ["
                        + o.startOffset()
                        + ", "
                        + o.endOffset()
                        + ")";
        try {
            Optional<ObjectInfo> info = store.head(o.key());
            if (info.isEmpty()) {
                return Optional.of(
                        new Problem(
                                Problem.Type.MISSING,
                                stream,
                                partition,
                                o.startOffset(),
                                o.key(),
                                what + " is missing from " + store.describe()));
            }
            boolean section = BucketLayout.isBatchKey(o.key());
            long expected = o.sectionOffset() + o.sizeBytes();
            if (section ? info.get().size() < expected : info.get().size() != expected) {
                return Optional.of(
                        new Problem(
                                Problem.Type.WRONG_SIZE,
                                stream,
                                partition,
                                o.startOffset(),
                                o.key(),
                                what
                                        + " has "
                                        + info.get().size()
                                        + (section
                                                ? " bytes, the manifest places its section at "
                                                        + o.sectionOffset()
                                                        + " with "
                                                        + o.sizeBytes()
                                                        + " bytes"
                                                : " bytes, the manifest says " + o.sizeBytes())));
            }
            if (level == VerifyLevel.FULL) {
                long read =
                        o.kind() == ObjectDescriptor.Kind.SEGMENT
                                ? readSegment(o)
                                : readParquet(o, partition);
                if (read != o.recordCount()) {
                    return Optional.of(
                            new Problem(
                                    Problem.Type.WRONG_RECORD_COUNT,
                                    stream,
                                    partition,
                                    o.startOffset(),
                                    o.key(),
                                    what
                                            + " returned "
                                            + read
                                            + " records, expected "
                                            + o.recordCount()));
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(
                    new Problem(
                            Problem.Type.UNREADABLE,
                            stream,
                            partition,
                            o.startOffset(),
                            o.key(),
                            what + " is unreadable: " + FloeErrors.firstLine(e)));
        }
    }

    private long readSegment(ObjectDescriptor o) throws IOException {
        SegmentObjectReader reader =
                SegmentObjectReader.open(o.key(), new ObjectRangeSource(stores.segments(), o));
        SegmentObjectSummary summary = reader.summary();
        if (summary.startOffset() != o.startOffset() || summary.endOffset() != o.endOffset()) {
            throw new IOException(
                    "its footer says [" + summary.startOffset() + ", " + summary.endOffset() + ")");
        }
        long next = o.startOffset();
        SegmentRecordCursor cursor = reader.cursor(o.startOffset(), o.endOffset());
        while (cursor.hasNext()) {
            for (LoggedRecord r : cursor.next()) {
                next = expectOffset(r, next);
            }
        }
        return next - o.startOffset();
    }

    private long readParquet(ObjectDescriptor o, int partition) throws IOException {
        ParquetObjectReader reader =
                ParquetObjectReader.openVerifyingChecksums(
                        new ObjectRangeSource(stores.parquet(), o), o.key(), partition);
        if (reader.startOffset() != o.startOffset() || reader.endOffset() != o.endOffset()) {
            throw new IOException(
                    "its row groups hold ["
                            + reader.startOffset()
                            + ", "
                            + reader.endOffset()
                            + ")");
        }
        long next = o.startOffset();
        try (ParquetRecordIterator it =
                reader.read(ReadRequest.offsets(o.startOffset(), o.endOffset()))) {
            while (it.hasNext()) {
                next = expectOffset(it.next(), next);
            }
        }
        return next - o.startOffset();
    }

    private static long expectOffset(LoggedRecord r, long next) throws IOException {
        if (r.offset() != next) {
            throw new IOException("offset " + r.offset() + " where " + next + " was expected");
        }
        return next + 1;
    }
}
