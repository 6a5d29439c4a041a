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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Crashes a {@link WriteAheadLog} from outside, as a killed process would: what the log has written
 * to its files survives, synced or not, and what it still holds in memory is lost. The files are
 * copied to another directory while the log runs, so the copy is the directory at one moment; the
 * log is then closed and its own directory abandoned. Stateless.
 */
final class WalCrash {

    private WalCrash() {}

    /**
     * Copies what a process killed now would leave of {@code log}'s directory into {@code into},
     * closes {@code log} and returns {@code into}, where the log can be reopened.
     */
    static Path crash(WriteAheadLog log, Path into) throws IOException {
        Path dir = log.directory();
        while (!copied(dir, into)) {
            clear(into);
        }
        log.close();
        return into;
    }

    /**
     * One copy; false if the log created, renamed or deleted a file meanwhile (appends to the open
     * segment are fine: the copy ends where a crash at that moment would have cut it).
     */
    private static boolean copied(Path dir, Path into) throws IOException {
        List<String> before = names(dir);
        Files.createDirectories(into);
        try {
            // The marker first: it never runs ahead of the segment files, so neither of the copy.
            // A log that has recorded no durable offset above 0 has none yet.
            if (before.contains(DurableMarker.FILE_NAME)) {
                copy(dir, into, DurableMarker.FILE_NAME);
            }
            for (String name : before) {
                if (!name.equals(DurableMarker.FILE_NAME)
                        && !name.equals(WriteAheadLog.LOCK_FILE)) {
                    copy(dir, into, name);
                }
            }
        } catch (NoSuchFileException e) {
            return false;
        }
        return before.equals(names(dir));
    }

    private static void copy(Path dir, Path into, String name) throws IOException {
        Files.copy(dir.resolve(name), into.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void clear(Path dir) throws IOException {
        for (String name : names(dir)) {
            Files.delete(dir.resolve(name));
        }
    }
}
