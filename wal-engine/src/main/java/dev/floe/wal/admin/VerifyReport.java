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

import java.util.List;

/**
 * The outcome of {@link FloeAdmin#verify}: per partition, the committed objects checked and every
 * problem found. Immutable.
 *
 * @param level how deeply the objects were checked
 * @param streams the streams checked
 * @param partitions the result of each partition, stream by stream
 * @param objects committed objects checked, each once though several partitions' descriptors name
 *     it (see {@link ObjectTotals})
 * @param bytes their size together as the manifest records it
 * @param tableProblems where a stream's Iceberg table differs from the Parquet objects its manifest
 *     commits
 */
public record VerifyReport(
        VerifyLevel level,
        List<String> streams,
        List<Partition> partitions,
        int objects,
        long bytes,
        List<TableProblem> tableProblems) {

    public VerifyReport {
        streams = List.copyOf(streams);
        partitions = List.copyOf(partitions);
        tableProblems = List.copyOf(tableProblems);
    }

    /**
     * A difference between a stream's Iceberg table and its manifest: a committed Parquet object
     * the table lacks, a data file the manifest does not commit, or committed rows the table hides.
     * Tiering commits the table right after the manifest, and reconciles it, so a difference that
     * stays is a problem. Immutable.
     *
     * @param stream the stream
     * @param location the data file concerned, as the table names it
     * @param message what is wrong, for a person
     */
    public record TableProblem(String stream, String location, String message) {}

    /**
     * What one partition's check found. Immutable.
     *
     * @param stream the stream
     * @param partition the partition
     * @param objects committed objects checked (each section of a batch object and each partition's
     *     part of a shared Parquet object as one)
     * @param bytes their size as the manifest records it (a shared Parquet object's whole size)
     * @param records records they hold as the manifest records it
     * @param problems every problem found, in offset order
     */
    public record Partition(
            String stream,
            int partition,
            int objects,
            long bytes,
            long records,
            List<Problem> problems) {

        public Partition {
            problems = List.copyOf(problems);
        }

        public boolean isOk() {
            return problems.isEmpty();
        }
    }

    /**
     * One thing wrong with a partition. Immutable.
     *
     * @param type what is wrong
     * @param stream the stream
     * @param partition the partition
     * @param offset the first offset concerned
     * @param objectKey the object concerned, or null when the problem is a range in no object
     * @param message what is wrong, for a person
     */
    public record Problem(
            Type type,
            String stream,
            int partition,
            long offset,
            String objectKey,
            String message) {

        /** The kinds of problem. */
        public enum Type {
            /** Committed offsets before an object are in no object. */
            GAP,
            /** An object overlaps the one before it. */
            OVERLAP,
            /** Offsets below the committed end are in no object. */
            UNCOVERED,
            /** Objects reach past the committed end. */
            PAST_COMMITTED_END,
            /** The object is missing from its store. */
            MISSING,
            /** The object's size differs from what the manifest records. */
            WRONG_SIZE,
            /** The object does not read back: a checksum, its footer or an offset is wrong. */
            UNREADABLE,
            /** The object reads back with a different number of records than recorded. */
            WRONG_RECORD_COUNT
        }
    }

    /** Every problem of every partition. */
    public List<Problem> problems() {
        return partitions.stream().flatMap(p -> p.problems().stream()).toList();
    }

    public boolean isOk() {
        return partitions.stream().allMatch(Partition::isOk) && tableProblems.isEmpty();
    }
}
