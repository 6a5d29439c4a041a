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
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a log directory to a consistent state before the writer starts. Sealed segments were
 * fsynced before they were sealed, so they are the known-good part: their names must form a
 * contiguous chain and their index files are checked (and rebuilt from the data when damaged). The
 * open segment is scanned from its first byte: every frame's CRC and offset is validated, a torn
 * tail is physically truncated, and the next offset is derived from the data. Damage that is not a
 * torn tail is handled by the {@link CorruptionPolicy}. Single-use, not thread-safe.
 */
final class LogRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(LogRecovery.class);

    private final Path dir;
    private final WalOptions options;

    LogRecovery(Path dir, WalOptions options) {
        this.dir = dir;
        this.options = options;
    }

    /** The recovered segments and the offset after the last valid record. */
    record Result(SegmentStore store, long endOffset) {}

    /**
     * Recovers the directory, or creates a log starting at {@code initialOffset} if it has none.
     */
    Result recover(long initialOffset) throws IOException {
        List<SegmentFile> files = listSegments();
        List<Segment> segments = new ArrayList<>();
        for (SegmentFile file : files) {
            Segment segment = Segment.of(dir, file);
            Optional<String> gap = chainProblem(segments, segment);
            if (gap.isPresent()) {
                onCorruption(segment.path(), 0, gap.get());
                deleteFrom(files, file);
                break;
            }
            segments.add(segment);
            if (segment.sealed() && !checkSealed(segment)) {
                deleteFrom(files, file);
                break;
            }
        }
        FileChannel tailChannel = null;
        try {
            long endOffset;
            boolean created = segments.isEmpty() || segments.get(segments.size() - 1).sealed();
            if (created) {
                long start =
                        segments.isEmpty()
                                ? initialOffset
                                : segments.get(segments.size() - 1).endOffset();
                Segment tail = Segment.open(dir, start, options.indexIntervalBytes());
                tailChannel =
                        FileChannel.open(
                                tail.path(),
                                StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE,
                                StandardOpenOption.READ);
                segments.add(tail);
                endOffset = start;
            } else {
                Segment tail = segments.get(segments.size() - 1);
                tailChannel =
                        FileChannel.open(
                                tail.path(), StandardOpenOption.WRITE, StandardOpenOption.READ);
                endOffset = recoverOpen(tail, tailChannel);
            }
            if (!created) {
                tailChannel.force(true);
                Fsync.directory(dir);
            }
            // A new, empty open segment needs no sync until records in it are to be durable.
            return new Result(
                    new SegmentStore(dir, options, segments, tailChannel, !created), endOffset);
        } catch (IOException | RuntimeException e) {
            // A refused open (corruption policy FAIL) must not leave the segment file open.
            if (tailChannel != null) {
                try {
                    tailChannel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private List<SegmentFile> listSegments() throws IOException {
        List<SegmentFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    Files.deleteIfExists(p);
                } else {
                    SegmentFile.parse(name).ifPresent(files::add);
                }
            }
        }
        files.sort(Comparator.comparingLong(SegmentFile::startOffset));
        return files;
    }

    private static Optional<String> chainProblem(List<Segment> before, Segment next) {
        if (before.isEmpty()) {
            return Optional.empty();
        }
        Segment prev = before.get(before.size() - 1);
        if (!prev.sealed()) {
            return Optional.of("open segment " + prev + " is followed by another segment");
        }
        if (prev.endOffset() != next.startOffset) {
            return Optional.of(
                    "segment starts at offset "
                            + next.startOffset
                            + " but the previous one ends before "
                            + prev.endOffset());
        }
        return Optional.empty();
    }

    /**
     * Checks a sealed segment's index file and rebuilds it from the data if it is damaged; a
     * rebuild validates the segment. Returns false if the segment was cut short and became the open
     * one (TRUNCATE policy).
     */
    private boolean checkSealed(Segment segment) throws IOException {
        if (OffsetIndex.load(
                        segment.indexPath(),
                        segment.startOffset,
                        segment.endOffset(),
                        options.indexIntervalBytes())
                .isPresent()) {
            return true;
        }
        try (FileChannel ch = FileChannel.open(segment.path(), StandardOpenOption.READ)) {
            SegmentScan scan = SegmentScan.of(ch, segment.startOffset, options);
            if (scan.clean() && scan.endOffset() == segment.endOffset()) {
                scan.index().writeTo(segment.indexPath(), segment.endOffset());
                LOG.info("WAL {}: rebuilt the offset index of {}", dir, segment);
                return true;
            }
            String problem =
                    scan.clean()
                            ? "holds offsets up to "
                                    + scan.endOffset()
                                    + ", name says "
                                    + segment.endOffset()
                            : scan.problem();
            onCorruption(segment.path(), scan.validBytes(), problem);
        }
        Files.deleteIfExists(segment.indexPath());
        Path open = dir.resolve(SegmentFile.open(segment.startOffset).fileName());
        Files.move(segment.path(), open, StandardCopyOption.ATOMIC_MOVE);
        segment.markOpen(open);
        return false;
    }

    /** Scans the open segment, truncating a torn tail; returns the offset after its records. */
    private long recoverOpen(Segment tail, FileChannel channel) throws IOException {
        SegmentScan scan = SegmentScan.of(channel, tail.startOffset, options);
        if (!scan.clean()) {
            long size = channel.size();
            if (!scan.isTornTail(channel, options.maxFrameBytes())) {
                onCorruption(tail.path(), scan.validBytes(), scan.problem());
            }
            LOG.warn(
                    "WAL {}: truncating {} at byte {} ({} bytes dropped, {}); the log ends before"
                            + " offset {}",
                    dir,
                    tail,
                    scan.validBytes(),
                    size - scan.validBytes(),
                    scan.problem(),
                    scan.endOffset());
            channel.truncate(scan.validBytes());
        }
        tail.replaceIndex(scan.index());
        return scan.endOffset();
    }

    private void onCorruption(Path file, long position, String problem) {
        if (options.corruptionPolicy() == CorruptionPolicy.FAIL) {
            throw new CorruptLogException(
                    file,
                    position,
                    problem
                            + " (corruption policy FAIL: nothing was changed; restore the directory"
                            + " from elsewhere, or open with CorruptionPolicy.TRUNCATE to keep the"
                            + " valid prefix)");
        }
        LOG.error(
                "WAL {}: corrupt segment {} at byte {}: {}; corruption policy TRUNCATE keeps the"
                        + " valid prefix and drops the rest",
                dir,
                file.getFileName(),
                position,
                problem);
    }

    /** Deletes {@code first} and every later segment file, under the names they were listed. */
    private void deleteFrom(List<SegmentFile> files, SegmentFile first) throws IOException {
        for (SegmentFile f : files) {
            if (f.startOffset() >= first.startOffset()) {
                Files.deleteIfExists(dir.resolve(f.fileName()));
                Files.deleteIfExists(dir.resolve(f.indexFileName()));
            }
        }
    }
}
