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

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.log.ReadLimit;
import dev.floe.wal.log.TailReader;
import dev.floe.wal.log.WalIoPool;
import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sink's log, damaged as an operating-system crash can leave an unsynced one, still opens. */
class LocalLogsTest {

    private static final int RECORDS = 100;

    @TempDir Path dir;

    private final WalOptions options = SinkSettings.walOptions(new Configuration());
    private final WalIoPool pool = WalIoPool.create("local-logs-test", 1);

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void aBadFrameInTheMiddleKeepsTheValidPrefixUpToTheResumeOffset() throws Exception {
        writeAndDamageTheMiddle();

        try (WriteAheadLog wal = LocalLogs.openAt(dir, options, 10, pool)) {
            assertThat(wal.startOffset()).isZero();
            assertThat(wal.endOffset()).isEqualTo(10);
            assertThat(readAll(wal)).extracting(LoggedRecord::offset).hasSize(10).endsWith(9L);
        }
    }

    @Test
    void aLogThatNoLongerReachesTheResumeOffsetStartsAgainThere() throws Exception {
        writeAndDamageTheMiddle();

        try (WriteAheadLog wal = LocalLogs.openAt(dir, options, 90, pool)) {
            assertThat(wal.startOffset()).isEqualTo(90);
            assertThat(wal.endOffset()).isEqualTo(90);
            assertThat(wal.append(record(90))).isEqualTo(90);
        }
    }

    /** Writes the records, then flips bytes halfway through the open segment. */
    private void writeAndDamageTheMiddle() throws IOException {
        try (WriteAheadLog wal = LocalLogs.openAt(dir, options, 0, pool)) {
            for (int i = 0; i < RECORDS; i++) {
                wal.append(record(i));
            }
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment =
                    files.filter(f -> f.getFileName().toString().endsWith(".wal.open"))
                            .findFirst()
                            .orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            long middle = Files.size(segment) / 2;
            channel.write(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x00, (byte) 0xFF}), middle);
        }
    }

    private static List<LoggedRecord> readAll(WriteAheadLog wal) throws Exception {
        try (TailReader reader = wal.openReader(wal.startOffset(), ReadLimit.WRITTEN)) {
            return reader.poll(RECORDS, Duration.ofMillis(100));
        }
    }

    private static WalRecord record(long i) {
        return WalRecord.of(i, null, ("value-" + i).getBytes(UTF_8));
    }
}
