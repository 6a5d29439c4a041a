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

import dev.floe.wal.format.RecordFrame;
import dev.floe.wal.format.RecordFrame.Check;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The segment files of one log directory and the channel of the open (last) segment. Mutated by one
 * owner at a time: the log's IO, or a caller holding the log's lock while that IO is idle. The
 * published segment list is safe for concurrent readers.
 */
final class SegmentStore implements Closeable {

    private final Path dir;
    private final WalOptions options;
    private volatile List<Segment> segments;
    private FileChannel tailChannel;

    /** Whether the open segment's directory entry survives a crash; synced with its first data. */
    private boolean tailEntryDurable;

    /**
     * @param tailEntryDurable false for an open segment just created, whose directory entry is then
     *     synced by the first {@link #force}, before anything in it counts as durable
     */
    SegmentStore(
            Path dir,
            WalOptions options,
            List<Segment> segments,
            FileChannel tailChannel,
            boolean tailEntryDurable)
            throws IOException {
        this.dir = dir;
        this.options = options;
        this.segments = List.copyOf(segments);
        this.tailChannel = tailChannel.position(tailChannel.size());
        this.tailEntryDurable = tailEntryDurable;
    }

    /** All segments, oldest first; the last one is open. */
    List<Segment> segments() {
        return segments;
    }

    Segment tail() {
        List<Segment> current = segments;
        return current.get(current.size() - 1);
    }

    long tailSize() throws IOException {
        return tailChannel.size();
    }

    /**
     * Writes a buffer to the open segment, sealing it and starting the next at roll points.
     *
     * @return the offset below which records are in sealed (so fsynced) segments, or -1 if no
     *     segment was sealed
     */
    long write(WriteBuffer buffer) throws IOException {
        ByteBuffer bytes = buffer.bytes.duplicate().flip();
        int pos = 0;
        for (WriteBuffer.Roll roll : buffer.rolls) {
            writeRange(bytes, pos, roll.position());
            pos = roll.position();
            sealTail(roll.segment().startOffset);
            startTail(roll.segment());
        }
        writeRange(bytes, pos, bytes.limit());
        if (buffer.rolls.isEmpty()) {
            return -1;
        }
        Fsync.directory(dir);
        tailEntryDurable = true;
        return buffer.rolls.get(buffer.rolls.size() - 1).segment().startOffset;
    }

    private void writeRange(ByteBuffer bytes, int from, int to) throws IOException {
        ByteBuffer range = bytes.duplicate().limit(to).position(from);
        while (range.hasRemaining()) {
            tailChannel.write(range);
        }
    }

    void force() throws IOException {
        tailChannel.force(false);
        if (!tailEntryDurable) {
            Fsync.directory(dir);
            tailEntryDurable = true;
        }
    }

    private void sealTail(long endOffset) throws IOException {
        Segment tail = tail();
        tailChannel.force(false);
        tail.index().writeTo(tail.indexPath(), endOffset);
        Path sealed = dir.resolve(SegmentFile.sealed(tail.startOffset, endOffset - 1).fileName());
        Files.move(tail.path(), sealed, StandardCopyOption.ATOMIC_MOVE);
        tail.markSealed(sealed, endOffset);
        tailChannel.close();
    }

    private void startTail(Segment segment) throws IOException {
        tailChannel =
                FileChannel.open(
                        segment.path(),
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
        List<Segment> next = new ArrayList<>(segments);
        next.add(segment);
        segments = List.copyOf(next);
    }

    /**
     * Removes every record at and after {@code offset}, which must lie within the log; the segment
     * holding it becomes the open one. Durable when this returns.
     *
     * @return the size in bytes of the new open segment
     */
    long truncateTo(long offset) throws IOException {
        List<Segment> current = segments;
        int keep = current.size() - 1;
        while (keep > 0 && current.get(keep).startOffset > offset) {
            keep--;
        }
        tailChannel.close();
        for (int i = current.size() - 1; i > keep; i--) {
            delete(current.get(i));
        }
        Segment segment = current.get(keep);
        if (segment.sealed()) {
            Files.deleteIfExists(segment.indexPath());
            Path open = dir.resolve(SegmentFile.open(segment.startOffset).fileName());
            Files.move(segment.path(), open, StandardCopyOption.ATOMIC_MOVE);
            segment.markOpen(open);
        }
        FileChannel channel =
                FileChannel.open(segment.path(), StandardOpenOption.WRITE, StandardOpenOption.READ);
        cutAt(segment, channel, offset);
        SegmentScan scan = SegmentScan.of(channel, segment.startOffset, options);
        if (!scan.clean() || scan.endOffset() != offset) {
            throw new CorruptLogException(
                    segment.path(),
                    scan.validBytes(),
                    "after truncating to offset " + offset + ": " + scan.problem());
        }
        segment.replaceIndex(scan.index());
        channel.force(true);
        Fsync.directory(dir);
        tailEntryDurable = true;
        tailChannel = channel.position(channel.size());
        segments = List.copyOf(current.subList(0, keep + 1));
        return channel.size();
    }

    /** Cuts the file before the frame holding {@code offset}, keeping earlier records of it. */
    private void cutAt(Segment segment, FileChannel channel, long offset) throws IOException {
        int seek = segment.index() == null ? 0 : segment.index().floorPosition(offset);
        FrameScanner scanner =
                new FrameScanner(channel, seek, options.readBufferBytes(), options.maxFrameBytes());
        while (true) {
            Check check = scanner.next();
            if (check != Check.VALID) {
                if (check == Check.INCOMPLETE && scanner.position() == channel.size()) {
                    break;
                }
                throw new CorruptLogException(
                        segment.path(),
                        scanner.position(),
                        SegmentScan.describe(check) + " while truncating to offset " + offset);
            }
            ByteBuffer buf = scanner.buffer();
            int start = scanner.frameStart();
            if (RecordFrame.endOffset(buf, start) > offset) {
                long base = RecordFrame.baseOffset(buf, start);
                List<LoggedRecord> head = new ArrayList<>();
                RecordFrame.decode(buf, start, Long.MIN_VALUE, head);
                long cut = scanner.position();
                channel.truncate(cut);
                if (base < offset) {
                    rewrite(channel, cut, base, head.subList(0, (int) (offset - base)));
                }
                return;
            }
            scanner.advance();
        }
    }

    private static void rewrite(FileChannel channel, long at, long base, List<LoggedRecord> kept)
            throws IOException {
        List<WalRecord> records = kept.stream().map(LoggedRecord::record).toList();
        ByteBuffer frame = ByteBuffer.allocate(RecordFrame.frameSize(records, 0, records.size()));
        RecordFrame.write(frame, base, records, 0, records.size());
        frame.flip();
        while (frame.hasRemaining()) {
            channel.write(frame, at + frame.position());
        }
    }

    /**
     * Deletes sealed segments whose records all lie below {@code offset}; never the open one.
     *
     * @return the first offset still held
     */
    long deleteBefore(long offset) throws IOException {
        List<Segment> current = segments;
        int drop = 0;
        while (drop < current.size() - 1
                && current.get(drop).sealed()
                && current.get(drop).endOffset() <= offset) {
            drop++;
        }
        if (drop > 0) {
            segments = List.copyOf(current.subList(drop, current.size()));
            for (int i = 0; i < drop; i++) {
                delete(current.get(i));
            }
            Fsync.directory(dir);
        }
        return segments.get(0).startOffset;
    }

    private static void delete(Segment segment) throws IOException {
        Files.deleteIfExists(segment.path());
        Files.deleteIfExists(segment.indexPath());
    }

    @Override
    public void close() throws IOException {
        tailChannel.close();
    }
}
