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
package dev.floe.flink.sink.internal;

import dev.floe.wal.log.WalIoPool;
import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WriteAheadLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a partition's local write-ahead log at the offset a writer resumes from. Stateless. */
final class LocalLogs {

    private static final Logger LOG = LoggerFactory.getLogger(LocalLogs.class);

    private LocalLogs() {}

    /**
     * Opens the log in {@code dir} so that its next offset is {@code offset}: records past it
     * (never committed) are truncated; a log that does not reach it (a new or replaced disk) or
     * starts after it is replaced by an empty log starting there. Everything below {@code offset}
     * is committed in the bucket, so nothing is lost either way. The log's IO runs on {@code
     * ioPool}.
     */
    static WriteAheadLog openAt(Path dir, WalOptions options, long offset, WalIoPool ioPool) {
        WriteAheadLog wal = WriteAheadLog.open(dir, options, offset, ioPool);
        if (wal.startOffset() <= offset && offset <= wal.endOffset()) {
            if (wal.endOffset() > offset) {
                LOG.info(
                        "WAL {}: truncating uncommitted records [{}, {})",
                        dir,
                        offset,
                        wal.endOffset());
                wal.truncateTo(offset);
            }
            return wal;
        }
        LOG.info(
                "WAL {} holds [{}, {}), not offset {}: starting a new log there (the records"
                        + " below it are in the bucket)",
                dir,
                wal.startOffset(),
                wal.endOffset(),
                offset);
        wal.close();
        deleteRecursively(dir);
        return WriteAheadLog.open(dir, options, offset, ioPool);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear WAL directory " + dir + ": " + e, e);
        }
    }
}
