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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of a {@link SegmentStager} for metrics: objects and bytes uploaded, failed attempts, and
 * how far staging has read the log. Thread-safe.
 */
public final class StagerStats {

    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong stagedEnd = new AtomicLong();
    private final AtomicLong uploadedEnd = new AtomicLong();

    void staged(long end) {
        stagedEnd.set(end);
    }

    void uploaded(ObjectDescriptor object) {
        objects.incrementAndGet();
        bytes.addAndGet(object.sizeBytes());
        uploadedEnd.set(object.endOffset());
    }

    void failed() {
        failures.incrementAndGet();
    }

    public long objectsUploaded() {
        return objects.get();
    }

    public long bytesUploaded() {
        return bytes.get();
    }

    public long failedAttempts() {
        return failures.get();
    }

    /** Offset up to which records are streaming into uploads. */
    public long stagedEnd() {
        return stagedEnd.get();
    }

    /** Offset below which records are in completed objects in the bucket. */
    public long uploadedEnd() {
        return uploadedEnd.get();
    }
}
