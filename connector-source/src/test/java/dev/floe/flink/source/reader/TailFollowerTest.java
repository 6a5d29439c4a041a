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
package dev.floe.flink.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.manifest.Conditions;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.manifest.StreamConfig;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.tail.TailLimits;
import dev.floe.wal.tail.TailServer;
import dev.floe.wal.testing.CapturedLogs;
import dev.floe.wal.testing.TlsTestFiles;
import dev.floe.wal.tls.TlsConfig;
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

/**
 * Following a writer's uncommitted records of stream "s", partition 0, from its WAL files or from
 * an in-process tail endpoint on loopback.
 */
class TailFollowerTest {

    private static final String TOKEN = "secret";

    @TempDir Path dir;
    private ManifestStore manifest;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void createStream() {
        manifest = ManifestStores.embedded(dir.resolve("manifest"), "test");
        manifest.createStream(StreamConfig.of("s", 1));
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        manifest.close();
    }

    @Test
    void hasNothingToReadUntilAWriterAdvertisesWhereItsRecordsAre() {
        TailFollower follower = follower(true);
        assertThat(follower.poll(0)).isEmpty();
        assertThat(follower.connected()).isFalse();

        LiveWriter writer = writer();
        writer.append("a");
        assertThat(follower.poll(0)).isEmpty();
        assertThat(follower.connected()).isFalse();

        writer.advertise(null);
        assertThat(values(read(follower, 0, 1))).containsExactly("a");
        assertThat(follower.connected()).isTrue();
    }

    @Test
    void readsTheWritersWalFilesFromTheOffsetAskedAsRecordsArrive() {
        LiveWriter writer = writer();
        writer.append("a", "b", "c");
        writer.advertise(null);
        TailFollower follower = follower(true);

        List<LoggedRecord> first = read(follower, 1, 2);
        assertThat(offsets(first)).containsExactly(1L, 2L);
        assertThat(values(first)).containsExactly("b", "c");

        writer.append("d", "e");
        List<LoggedRecord> more = read(follower, 3, 2);
        assertThat(offsets(more)).containsExactly(3L, 4L);
        assertThat(values(more)).containsExactly("d", "e");
    }

    @Test
    void followsTheTailEndpointWhenNotReadingWalFiles() throws Exception {
        LiveWriter writer = writer();
        writer.append("a", "b");
        TailServer server = serve(writer);
        writer.advertise("127.0.0.1:" + server.port());
        TailFollower follower = follower(false);

        List<LoggedRecord> first = read(follower, 0, 2);
        assertThat(offsets(first)).containsExactly(0L, 1L);
        assertThat(values(first)).containsExactly("a", "b");

        writer.append("c");
        assertThat(values(read(follower, 2, 1))).containsExactly("c");
    }

    @Test
    void findsTheWriterAgainAtItsNewEndpointWhenTheConnectionIsLost() throws Exception {
        LiveWriter writer = writer();
        writer.append("a", "b");
        TailServer first = serve(writer);
        writer.advertise("127.0.0.1:" + first.port());
        TailFollower follower = follower(false);
        assertThat(values(read(follower, 0, 2))).containsExactly("a", "b");

        first.close();
        Conditions.await(
                "the follower notices the endpoint is gone",
                () -> follower.poll(2).isEmpty() && !follower.connected());

        TailServer second = serve(writer);
        writer.advertise("127.0.0.1:" + second.port());
        writer.append("c", "d");
        List<LoggedRecord> after = read(follower, 2, 2);
        assertThat(offsets(after)).containsExactly(2L, 3L);
        assertThat(values(after)).containsExactly("c", "d");
    }

    @Test
    void aFollowerTheEndpointCutsOffLeavesTheTailAloneForAWhileThenFollowsItAgain()
            throws Exception {
        LiveWriter writer = writer();
        String[] values = new String[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = "v" + i;
        }
        writer.append(values);
        TailServer strict = serve(writer, TailLimits.defaults().withMaxLag(Duration.ofMillis(1)));
        writer.advertise("127.0.0.1:" + strict.port());
        TailFollower follower = follower(false);

        List<LoggedRecord> got = new ArrayList<>();
        Conditions.await(
                "the endpoint cuts the follower off",
                () -> {
                    got.addAll(follower.poll(got.size()));
                    return !follower.connected() && !got.isEmpty();
                });
        assertThat(got.size()).isLessThan(values.length);
        assertThat(offsets(got).get(got.size() - 1)).isEqualTo(got.size() - 1L);

        // Meanwhile the reader reads committed records; the tail waits, even at a lenient endpoint.
        TailServer lenient = serve(writer);
        writer.advertise("127.0.0.1:" + lenient.port());
        long cutOff = System.nanoTime();
        assertThat(follower.poll(got.size())).isEmpty();
        assertThat(follower.connected()).isFalse();

        List<LoggedRecord> after = read(follower, got.size(), values.length - got.size());
        assertThat(System.nanoTime() - cutOff)
                .isGreaterThanOrEqualTo(TailFollower.AFTER_CUT_OFF.toNanos() * 9 / 10);
        assertThat(offsets(after).get(0)).isEqualTo(got.size());
        assertThat(after).hasSize(values.length - got.size());
    }

    @Test
    void findsAWriterThatReopenedTheWalAndReadsItsRecordsFromTheSameOffset() {
        LiveWriter first = LiveWriter.start(manifest, "s", 0, dir.resolve("wal"));
        first.append("a", "b", "c", "d", "e");
        first.advertise(null);
        TailFollower follower = follower(true);
        assertThat(values(read(follower, 0, 5))).containsExactly("a", "b", "c", "d", "e");

        // A failover: the next writer truncates the uncommitted records and writes its own.
        first.close();
        LiveWriter second = writer();
        second.append("second-0", "second-1", "second-2", "second-3", "second-4", "second-5");
        second.advertise(null);

        List<LoggedRecord> after = read(follower, 5, 1);
        assertThat(offsets(after)).containsExactly(5L);
        assertThat(values(after)).containsExactly("second-5");
    }

    @Test
    void followsATlsEndpointWithItsCaAndWarnsOnceWithAnotherCa() throws Exception {
        TlsTestFiles tls = TlsTestFiles.shared();
        LiveWriter writer = writer();
        writer.append("a", "b");
        TailServer server =
                TailServer.start(
                        InetAddress.getLoopbackAddress(),
                        0,
                        0,
                        TOKEN,
                        TailLimits.defaults(),
                        tls.server());
        closing.add(server);
        server.serve("s", 0, writer.wal());
        String endpoint = "127.0.0.1:" + server.port();
        writer.advertise(endpoint);

        TailFollower trusting = follower(tls.trustingCa());
        assertThat(values(read(trusting, 0, 2))).containsExactly("a", "b");

        Path otherCa = TlsTestFiles.sharedUnrelatedCa();
        TailFollower wrong = follower(TlsConfig.builder().caFile(otherCa).build());
        try (CapturedLogs logs = CapturedLogs.of(TailFollower.class.getName())) {
            for (int i = 0; i < 50; i++) {
                assertThat(wrong.poll(0)).isEmpty();
            }
            String line =
                    "tail endpoint "
                            + endpoint
                            + ": server certificate not trusted by CA file "
                            + otherCa;
            assertThat(logs.text()).containsOnlyOnce(line).contains("WARN");
        }
        assertThat(wrong.connected()).isFalse();
    }

    /** Polls from {@code from} until {@code count} records arrived; fails after a deadline. */
    private static List<LoggedRecord> read(TailFollower follower, long from, int count) {
        List<LoggedRecord> got = new ArrayList<>();
        Conditions.await(
                count + " records from offset " + from,
                () -> {
                    got.addAll(follower.poll(from + got.size()));
                    return got.size() >= count;
                });
        return got;
    }

    private LiveWriter writer() {
        LiveWriter writer = LiveWriter.start(manifest, "s", 0, dir.resolve("wal"));
        closing.add(writer);
        return writer;
    }

    private TailServer serve(LiveWriter writer) throws Exception {
        return serve(writer, TailLimits.defaults());
    }

    private TailServer serve(LiveWriter writer, TailLimits limits) throws Exception {
        TailServer server = TailServer.start(InetAddress.getLoopbackAddress(), 0, 0, TOKEN, limits);
        closing.add(server);
        server.serve("s", 0, writer.wal());
        return server;
    }

    private TailFollower follower(boolean localFiles) {
        TailFollower follower = new TailFollower(manifest, "s", 0, TOKEN, localFiles, null);
        closing.add(follower);
        return follower;
    }

    /** Follows the tail endpoint over TLS, trusting {@code tls}'s CA. */
    private TailFollower follower(TlsConfig tls) {
        TailFollower follower = new TailFollower(manifest, "s", 0, TOKEN, false, tls);
        closing.add(follower);
        return follower;
    }

    private static List<Long> offsets(List<LoggedRecord> records) {
        return records.stream().map(LoggedRecord::offset).toList();
    }

    private static List<String> values(List<LoggedRecord> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }
}
