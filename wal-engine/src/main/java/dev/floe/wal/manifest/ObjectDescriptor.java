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
package dev.floe.wal.manifest;

import java.util.Objects;

/**
 * What the manifest records about one immutable object holding a contiguous offset range of a
 * partition, or about one partition's section of a batch object (a writer's checkpoint of several
 * partitions in one object, each section a whole segment object). Small on purpose: the object's
 * own footer holds its index. Immutable.
 *
 * @param kind segment (Floe's row format) or Parquet
 * @param key the object's key in the store for its kind
 * @param startOffset first offset in the object
 * @param endOffset offset after the last one in the object
 * @param sizeBytes size of the object, or of the section within a batch object
 * @param minTimestamp smallest record timestamp (ms)
 * @param maxTimestamp largest record timestamp (ms)
 * @param epoch writer epoch that produced the object
 * @param sectionOffset where the range's bytes start within the object: 0 unless it is a section of
 *     a batch object
 * @param schemaVersion the version of the stream's value schema the range's values were written
 *     with ({@link SchemaHistory}); 1 for descriptors written before streams had a schema history,
 *     which store none
 */
public record ObjectDescriptor(
        Kind kind,
        String key,
        long startOffset,
        long endOffset,
        long sizeBytes,
        long minTimestamp,
        long maxTimestamp,
        long epoch,
        long sectionOffset,
        int schemaVersion) {

    /** The format of an object. */
    public enum Kind {
        /** Floe's compressed row format, written at checkpoints. */
        SEGMENT,
        /** Parquet, written by tiering. */
        PARQUET
    }

    /** A descriptor of a whole object. */
    public ObjectDescriptor(
            Kind kind,
            String key,
            long startOffset,
            long endOffset,
            long sizeBytes,
            long minTimestamp,
            long maxTimestamp,
            long epoch) {
        this(kind, key, startOffset, endOffset, sizeBytes, minTimestamp, maxTimestamp, epoch, 0);
    }

    /** A descriptor of a range written with schema version 1. */
    public ObjectDescriptor(
            Kind kind,
            String key,
            long startOffset,
            long endOffset,
            long sizeBytes,
            long minTimestamp,
            long maxTimestamp,
            long epoch,
            long sectionOffset) {
        this(
                kind,
                key,
                startOffset,
                endOffset,
                sizeBytes,
                minTimestamp,
                maxTimestamp,
                epoch,
                sectionOffset,
                SchemaVersion.INITIAL);
    }

    public ObjectDescriptor {
        Objects.requireNonNull(kind, "kind");
        if (schemaVersion == 0) {
            // Stored before descriptors named their schema version.
            schemaVersion = SchemaVersion.INITIAL;
        }
        if (schemaVersion < SchemaVersion.INITIAL) {
            throw new IllegalArgumentException(
                    "object " + key + " needs schemaVersion >= 1, got " + schemaVersion);
        }
        if (sectionOffset < 0) {
            throw new IllegalArgumentException(
                    "object " + key + " needs sectionOffset >= 0, got " + sectionOffset);
        }
        Objects.requireNonNull(key, "key");
        if (startOffset < 0 || endOffset <= startOffset) {
            throw new IllegalArgumentException(
                    "object "
                            + key
                            + " needs 0 <= startOffset < endOffset, got ["
                            + startOffset
                            + ", "
                            + endOffset
                            + ")");
        }
    }

    /** This descriptor with {@code version} as its schema version. */
    public ObjectDescriptor withSchemaVersion(int version) {
        return new ObjectDescriptor(
                kind,
                key,
                startOffset,
                endOffset,
                sizeBytes,
                minTimestamp,
                maxTimestamp,
                epoch,
                sectionOffset,
                version);
    }

    public long recordCount() {
        return endOffset - startOffset;
    }
}
