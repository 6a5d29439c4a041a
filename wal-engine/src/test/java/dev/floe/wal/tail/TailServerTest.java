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
package dev.floe.wal.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.log.ReadLimit;
import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.record.Header;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tail endpoint over loopback: records as they are written, from any offset, and refusals. */
class TailServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir Path dir;
    private WriteAheadLog wal;
    private TailServer server;
    private String endpoint;

    @BeforeEach
    void open() throws IOException {
        wal = WriteAheadLog.open(dir, WalOptions.defaults());
        server =
                TailServer.start(
                        InetAddress.getLoopbackAddress(),
                        0,
                        0,
                        "secret",
                        TailLimits.defaults().withMaxConnections(4));
        server.serve("s", 0, wal);
        endpoint = "127.0.0.1:" + server.port();
    }

    @AfterEach
    void close() {
        server.close();
        wal.close();
    }

    @Test
    void streamsRecordsFromAnOffsetAsTheyAreWritten() throws Exception {
        for (int i = 0; i < 10; i++) {
            wal.append(record(i));
        }
        try (TailClient client =
                TailClient.connect(endpoint, "secret", "s", 0, 5, ReadLimit.WRITTEN, TIMEOUT)) {
            List<LoggedRecord> seen = readUntil(client, 5);
            for (int i = 10; i < 20; i++) {
                wal.append(record(i));
            }
            seen.addAll(readUntil(client, 10));
            assertThat(seen)
                    .extracting(LoggedRecord::offset)
                    .containsExactlyElementsOf(range(5, 20));
            LoggedRecord r = seen.get(0);
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("v5");
            assertThat(r.key()).isNull();
            assertThat(r.record().headers()).containsExactly(Header.of("h", "5"));
            assertThat(r.timestamp()).isEqualTo(1005);
        }
    }

    @Test
    void refusesAWrongTokenAnUnknownPartitionAndAnOffsetNoLongerHeld() {
        assertThatThrownBy(
                        () ->
                                TailClient.connect(
                                        endpoint, "nope", "s", 0, 0, ReadLimit.WRITTEN, TIMEOUT))
                .hasMessageContaining("wrong token");
        assertThatThrownBy(
                        () ->
                                TailClient.connect(
                                        endpoint, "secret", "s", 1, 0, ReadLimit.WRITTEN, TIMEOUT))
                .hasMessageContaining("does not serve s/1");
        assertThatThrownBy(
                        () ->
                                TailClient.connect(
                                        "127.0.0.1:1",
                                        "secret",
                                        "s",
                                        0,
                                        0,
                                        ReadLimit.WRITTEN,
                                        TIMEOUT))
                .isInstanceOf(IOException.class);
    }

    private static List<LoggedRecord> readUntil(TailClient client, int count) throws IOException {
        List<LoggedRecord> out = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (out.size() < count && System.nanoTime() < deadline) {
            out.addAll(client.poll());
        }
        return out;
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    private static WalRecord record(int i) {
        return new WalRecord(
                1000 + i,
                null,
                ("v" + i).getBytes(StandardCharsets.UTF_8),
                List.of(Header.of("h", String.valueOf(i))));
    }
}
