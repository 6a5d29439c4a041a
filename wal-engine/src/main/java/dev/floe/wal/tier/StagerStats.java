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

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of a {@link BatchStager} for metrics: objects and bytes uploaded, sections written, and
 * failed attempts. Thread-safe.
 */
public final class StagerStats {

    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong sections = new AtomicLong();

    void sectionWritten() {
        sections.incrementAndGet();
    }

    void uploaded(long objectBytes) {
        objects.incrementAndGet();
        bytes.addAndGet(objectBytes);
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

    /** Sections written into objects, counting those of attempts that failed. */
    public long sectionsWritten() {
        return sections.get();
    }

    public long failedAttempts() {
        return failures.get();
    }
}
