package dev.floe.cli.sql;

import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.StreamConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The Parquet objects a query over a stream may read: exactly those the manifest references below
 * each partition's committed end. Orphans (never committed) and superseded objects (replaced by a
 * compaction, awaiting deletion) are in the bucket too, under the same prefixes, which is why a
 * query must name these objects rather than glob the bucket. Committed records not yet tiered are
 * still in segment objects, which analytics engines cannot read; they are counted apart. Immutable.
 *
 * @param stream the stream's definition
 * @param objects the committed Parquet objects, by partition then offset
 * @param parquetRecords records held by {@code objects}
 * @param segmentRecords committed records still in segment objects only
 */
public record CommittedParquet(
        StreamConfig stream,
        List<ObjectDescriptor> objects,
        long parquetRecords,
        long segmentRecords) {

    public CommittedParquet {
        objects = List.copyOf(objects);
    }

    /** Reads the manifest once per partition. */
    public static CommittedParquet of(ManifestStore manifest, StreamConfig stream) {
        List<ObjectDescriptor> parquet = new ArrayList<>();
        long parquetRecords = 0;
        long segmentRecords = 0;
        for (int p = 0; p < stream.partitions(); p++) {
            long end = manifest.head(stream.name(), p).committedEnd();
            for (ObjectDescriptor o : manifest.objects(stream.name(), p, 0, end)) {
                if (o.kind() == ObjectDescriptor.Kind.PARQUET) {
                    parquet.add(o);
                    parquetRecords += o.recordCount();
                } else {
                    segmentRecords += o.recordCount();
                }
            }
        }
        return new CommittedParquet(stream, parquet, parquetRecords, segmentRecords);
    }

    public boolean isEmpty() {
        return objects.isEmpty();
    }
}
