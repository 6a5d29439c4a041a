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
package dev.floe.wal.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A log seen from any process, through its directory alone: segments by listing, the durable end
 * from {@code wal.durable}, and polling for changes. Never writes. Thread-safe.
 */
final class DirectoryView implements LogView {

    private final Path dir;
    private final long pollNanos;
    private volatile DurableMarker marker;

    DirectoryView(Path dir, WalOptions options) {
        this.dir = dir;
        this.pollNanos = options.readerPollInterval().toNanos();
    }

    @Override
    public Path directory() {
        return dir;
    }

    @Override
    public List<Segment> segments() throws IOException {
        List<Segment> segments = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(
                    p ->
                            SegmentFile.parse(p.getFileName().toString())
                                    .ifPresent(f -> segments.add(Segment.of(dir, f))));
        }
        segments.sort(Comparator.comparingLong(s -> s.startOffset));
        return segments;
    }

    @Override
    public long readableEnd(ReadLimit limit) throws IOException {
        if (limit == ReadLimit.WRITTEN) {
            return Long.MAX_VALUE;
        }
        if (marker == null) {
            marker = DurableMarker.forReader(dir);
        }
        return marker == null ? 0 : marker.get();
    }

    @Override
    public long truncations() {
        return 0;
    }

    @Override
    public boolean bytesBelowEndAreComplete() {
        return false;
    }

    @Override
    public void awaitChange(ReadLimit limit, long seenEnd, long timeoutNanos)
            throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(Math.min(pollNanos, timeoutNanos));
    }

    @Override
    public void close() throws IOException {
        DurableMarker current = marker;
        if (current != null) {
            current.close();
        }
    }
}
