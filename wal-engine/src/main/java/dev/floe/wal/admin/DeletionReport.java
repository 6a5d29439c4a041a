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

/**
 * What {@link FloeAdmin#deleteStream} removed besides the stream's manifest entries. Immutable.
 *
 * @param stream the deleted stream
 * @param objects objects deleted from the stores, committed or not
 * @param bytes their size together
 * @param abortedUploads unfinished uploads aborted
 * @param queuedDeletions entries of the stream removed from the deletion queue
 */
public record DeletionReport(
        String stream, int objects, long bytes, int abortedUploads, int queuedDeletions) {}
