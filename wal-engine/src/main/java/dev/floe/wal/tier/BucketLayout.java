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

import dev.floe.wal.manifest.ObjectDescriptor;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The bucket layout of Floe objects. Every key is unique (start offset, writer epoch and a random
 * id), so no write ever replaces another:
 *
 * <pre>
 * &lt;stream&gt;/&lt;partition:05&gt;/segments/&lt;start:020&gt;-&lt;epoch&gt;-&lt;id&gt;.seg
 * &lt;stream&gt;/&lt;partition:05&gt;/parquet/&lt;start:020&gt;-&lt;epoch&gt;-&lt;id&gt;.parquet
 * &lt;stream&gt;/batches/&lt;created:020&gt;-&lt;id&gt;.seg
 * &lt;stream&gt;/parquet/&lt;created:020&gt;-&lt;epoch&gt;-&lt;id&gt;.parquet
 * </pre>
 *
 * A batch object holds one writer's checkpoint of several partitions, one segment object per
 * partition with an index at the end (see {@link dev.floe.wal.format.BatchObjectIndex}); its key
 * names when it was created (milliseconds since the epoch). A shared Parquet object, directly under
 * the stream, holds several partitions' ranges, each in row groups of its own (see {@link
 * dev.floe.wal.tier.parquet.ParquetObjectWriter#openShared}); its key names when it was created and
 * the epoch of its writer.
 *
 * <p>An object's upload starts before its end is known, so its key names only the start; the
 * manifest's descriptor holds the range. {@code end} is exclusive. A store may add its own prefix.
 * Thread-safe.
 */
public final class BucketLayout {

    private static final SecureRandom RANDOM = new SecureRandom();

    private BucketLayout() {}

    /** The prefix holding every object of one kind of a partition. */
    public static String prefix(String stream, int partition, ObjectDescriptor.Kind kind) {
        return String.format(
                "%s/%05d/%s/",
                stream, partition, kind == ObjectDescriptor.Kind.SEGMENT ? "segments" : "parquet");
    }

    /**
     * The kind of object a key of this layout names: Parquet under a partition's {@code parquet/}
     * prefix, a segment otherwise.
     */
    public static ObjectDescriptor.Kind kindOf(String key) {
        return key.contains("/parquet/")
                ? ObjectDescriptor.Kind.PARQUET
                : ObjectDescriptor.Kind.SEGMENT;
    }

    /** The prefix holding every shared Parquet object of a stream. */
    public static String sharedParquetPrefix(String stream) {
        return stream + "/parquet/";
    }

    /** Whether {@code key} names a shared Parquet object of this layout. */
    public static boolean isSharedParquetKey(String key) {
        int slash = key.indexOf('/');
        return slash > 0 && key.startsWith("/parquet/", slash) && key.endsWith(".parquet");
    }

    /** The stream a shared Parquet object's key belongs to. */
    public static String streamOfSharedParquet(String key) {
        return key.substring(0, key.indexOf('/'));
    }

    /** A new, unique key for a shared Parquet object created at {@code createdMillis}. */
    public static String newSharedParquetKey(String stream, long createdMillis, long epoch) {
        return sharedParquetPrefix(stream)
                + String.format("%020d-%d-%s.parquet", createdMillis, epoch, randomId());
    }

    /** The prefix holding every batch object of a stream. */
    public static String batchPrefix(String stream) {
        return stream + "/batches/";
    }

    /** Whether {@code key} names a batch object of this layout. */
    public static boolean isBatchKey(String key) {
        return key.contains("/batches/") && key.endsWith(".seg");
    }

    /** The stream a batch object's key belongs to. */
    public static String streamOfBatch(String batchKey) {
        return batchKey.substring(0, batchKey.indexOf("/batches/"));
    }

    /** A new, unique key for a batch object created at {@code createdMillis}. */
    public static String newBatchKey(String stream, long createdMillis) {
        return batchPrefix(stream) + String.format("%020d-%s.seg", createdMillis, randomId());
    }

    /** A new, unique key for a segment object starting at {@code start}. */
    public static String newSegmentKey(String stream, int partition, long start, long epoch) {
        return prefix(stream, partition, ObjectDescriptor.Kind.SEGMENT)
                + String.format("%020d-%d-%s.seg", start, epoch, randomId());
    }

    /** A new, unique key for a Parquet object starting at {@code start}. */
    public static String newParquetKey(String stream, int partition, long start, long epoch) {
        return prefix(stream, partition, ObjectDescriptor.Kind.PARQUET)
                + String.format("%020d-%d-%s.parquet", start, epoch, randomId());
    }

    /**
     * The start offset and writer epoch a segment object's key names, or empty when {@code key} is
     * not a segment key of this layout.
     */
    public static Optional<SegmentKey> parseSegmentKey(String key) {
        int slash = key.lastIndexOf('/');
        String name = key.substring(slash + 1);
        if (!name.endsWith(".seg")) {
            return Optional.empty();
        }
        String[] parts = name.substring(0, name.length() - ".seg".length()).split("-");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SegmentKey(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** What a segment object's key names: its start offset and the epoch of its writer. */
    public record SegmentKey(long start, long epoch) {}

    private static String randomId() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
