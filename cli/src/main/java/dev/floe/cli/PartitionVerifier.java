package dev.floe.cli;

import dev.floe.wal.format.SegmentObjectReader;
import dev.floe.wal.format.SegmentObjectSummary;
import dev.floe.wal.format.SegmentRecordCursor;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionHead;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.record.LoggedRecord;
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
 * end without gap or overlap, each exists in its store with the recorded size, and (unless shallow)
 * each reads back completely with every checksum checked (segment blocks and frames, Parquet pages)
 * and exactly the offsets its descriptor names. Collects every problem rather than stopping at the
 * first. Not thread-safe.
 */
final class PartitionVerifier {

    /** The outcome for one partition. Immutable. */
    record Result(int objects, long bytes, long records, List<String> problems) {}

    private final ManifestStore manifest;
    private final TierStores stores;
    private final boolean shallow;

    PartitionVerifier(ManifestStore manifest, TierStores stores, boolean shallow) {
        this.manifest = manifest;
        this.stores = stores;
        this.shallow = shallow;
    }

    Result verify(String stream, int partition) {
        List<String> problems = new ArrayList<>();
        PartitionHead head = manifest.head(stream, partition);
        List<ObjectDescriptor> objects = manifest.objects(stream, partition, 0, Long.MAX_VALUE);
        long expected = 0;
        long bytes = 0;
        long records = 0;
        for (ObjectDescriptor o : objects) {
            if (o.startOffset() > expected) {
                problems.add(
                        "offsets ["
                                + expected
                                + ", "
                                + o.startOffset()
                                + ") are in no object (gap before "
                                + o.key()
                                + ")");
            } else if (o.startOffset() < expected) {
                problems.add(
                        "object "
                                + o.key()
                                + " ["
                                + o.startOffset()
                                + ", "
                                + o.endOffset()
                                + ") overlaps the previous object, which ends at "
                                + expected);
            }
            expected = Math.max(expected, o.endOffset());
            bytes += o.sizeBytes();
            records += o.recordCount();
            check(o).ifPresent(problems::add);
        }
        if (expected < head.committedEnd()) {
            problems.add(
                    "offsets ["
                            + expected
                            + ", "
                            + head.committedEnd()
                            + ") are committed (head) but in no object");
        } else if (expected > head.committedEnd()) {
            problems.add(
                    "objects reach offset "
                            + expected
                            + ", past the committed end "
                            + head.committedEnd());
        }
        return new Result(objects.size(), bytes, records, List.copyOf(problems));
    }

    /** The problem with one object, if any. */
    private Optional<String> check(ObjectDescriptor o) {
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
                return Optional.of(what + " is missing from " + store.describe());
            }
            if (info.get().size() != o.sizeBytes()) {
                return Optional.of(
                        what
                                + " has "
                                + info.get().size()
                                + " bytes, the manifest says "
                                + o.sizeBytes());
            }
            if (!shallow) {
                long read =
                        o.kind() == ObjectDescriptor.Kind.SEGMENT ? readSegment(o) : readParquet(o);
                if (read != o.recordCount()) {
                    return Optional.of(
                            what + " returned " + read + " records, expected " + o.recordCount());
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(what + " is unreadable: " + ErrorReporter.message(e));
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

    private long readParquet(ObjectDescriptor o) throws IOException {
        ParquetObjectReader reader =
                ParquetObjectReader.openVerifyingChecksums(
                        new ObjectRangeSource(stores.parquet(), o), o.key());
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
