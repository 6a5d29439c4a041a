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
import dev.floe.wal.manifest.Conditions;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tail endpoint under many readers and readers that fall behind: every reader gets every record
 * in order, the connection limit refuses with a reason, and a slow or stopped reader is cut off
 * while the writer appends on.
 */
class TailServerLimitsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir Path dir;
    private WriteAheadLog wal;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void open() {
        wal = WriteAheadLog.open(dir, WalOptions.defaults());
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        wal.close();
    }

    @Test
    void twoHundredConcurrentReadersEachReceiveEveryRecordInOrder() throws Exception {
        TailServer server = serve(TailLimits.defaults());
        int readers = 200;
        int records = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        closing.add(pool::shutdownNow);
        List<TailClient> clients = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            clients.add(connect(server, 0));
        }
        assertThat(server.connections()).isEqualTo(readers);
        List<Future<List<Long>>> offsets = new ArrayList<>();
        for (TailClient client : clients) {
            offsets.add(pool.submit(() -> offsets(readUntil(client, records))));
        }
        for (int i = 0; i < records; i++) {
            wal.append(record(i, 100));
        }
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < records; i++) {
            expected.add(i);
        }
        for (Future<List<Long>> f : offsets) {
            assertThat(f.get()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void refusesAReaderBeyondTheConnectionLimitWithTheReason() throws Exception {
        TailServer server = serve(TailLimits.defaults().withMaxConnections(2));
        connect(server, 0);
        connect(server, 0);
        assertThatThrownBy(() -> connect(server, 0))
                .hasMessageContaining("too many readers")
                .hasMessageContaining("floe.sink.tail.max-connections");
    }

    @Test
    void cutsOffAReaderThatDoesNotReachTheEndOfTheLogWithTheReason() throws Exception {
        for (int i = 0; i < 100_000; i++) {
            wal.append(record(i, 100));
        }
        TailServer server = serve(TailLimits.defaults().withMaxLag(Duration.ofMillis(1)));
        TailClient client = connect(server, 0);
        List<LoggedRecord> before = new ArrayList<>();
        assertThatThrownBy(
                        () -> {
                            while (true) {
                                before.addAll(client.poll());
                            }
                        })
                .isInstanceOf(TailCutOffException.class)
                .hasMessageContaining("cut this reader off")
                .hasMessageContaining("floe.sink.tail.max-lag")
                .hasMessageContaining("records behind");
        assertThat(before.size()).isLessThan(100_000);
        for (int i = 0; i < before.size(); i++) {
            assertThat(before.get(i).offset()).isEqualTo(i);
        }
        Conditions.await("the cut-off connection is closed", () -> server.connections() == 0);
    }

    @Test
    void endsTheConnectionOfAReaderThatStopsReadingWhileTheWriterAppendsOn() throws Exception {
        TailServer server =
                serve(
                        TailLimits.defaults()
                                .withMaxLag(Duration.ofHours(1))
                                .withWriteTimeout(Duration.ofMillis(300)));
        TailClient stopped = connect(server, 0);
        TailClient reading = connect(server, 0);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        closing.add(pool::shutdownNow);
        // 64 MB: more than the two sockets' buffers hold, so the server's writes to it block.
        int records = 64 * 1024;
        Future<List<Long>> read = pool.submit(() -> offsets(readUntil(reading, records + 1000)));
        for (int i = 0; i < records; i++) {
            wal.append(record(i, 1024));
        }
        Conditions.await("the stopped reader's connection ends", () -> server.connections() == 1);

        // The writer goes on; the reader that kept reading gets the new records too.
        for (int i = 0; i < 1000; i++) {
            wal.append(record(records + i, 1024));
        }
        assertThat(read.get()).hasSize(records + 1000).endsWith((long) records + 999);
        assertThatThrownBy(
                        () -> {
                            while (true) {
                                stopped.poll();
                            }
                        })
                .isInstanceOf(IOException.class)
                .hasMessageContaining("closed the connection");
    }

    private TailServer serve(TailLimits limits) throws IOException {
        TailServer server = TailServer.start(InetAddress.getLoopbackAddress(), 0, 0, "", limits);
        closing.add(server);
        server.serve("s", 0, wal);
        return server;
    }

    private TailClient connect(TailServer server, long from) throws IOException {
        TailClient client =
                TailClient.connect(
                        "127.0.0.1:" + server.port(), "", "s", 0, from, ReadLimit.WRITTEN, TIMEOUT);
        closing.add(client);
        return client;
    }

    private static List<LoggedRecord> readUntil(TailClient client, int count) throws IOException {
        List<LoggedRecord> out = new ArrayList<>();
        while (out.size() < count) {
            out.addAll(client.poll());
        }
        return out;
    }

    private static List<Long> offsets(List<LoggedRecord> records) {
        List<Long> out = new ArrayList<>(records.size());
        records.forEach(r -> out.add(r.offset()));
        return out;
    }

    private static WalRecord record(int i, int bytes) {
        return WalRecord.of(i, null, new byte[bytes]);
    }
}
