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
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import dev.floe.wal.testing.TlsTestFiles;
import dev.floe.wal.tls.TlsConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tail endpoint over TLS: records reach a reader that trusts its CA, and no other reader. */
class TailServerTlsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static TlsTestFiles tls;
    private static Path otherCa;

    @TempDir Path dir;
    private WriteAheadLog wal;
    private TailServer server;
    private String endpoint;

    @BeforeAll
    static void makeCertificates() {
        tls = TlsTestFiles.shared();
        otherCa = TlsTestFiles.sharedUnrelatedCa();
    }

    @BeforeEach
    void open() throws IOException {
        wal = WriteAheadLog.open(dir, WalOptions.defaults());
        server =
                TailServer.start(
                        InetAddress.getLoopbackAddress(),
                        0,
                        0,
                        "secret",
                        TailLimits.defaults(),
                        tls.server());
        server.serve("s", 0, wal);
        endpoint = "127.0.0.1:" + server.port();
    }

    @AfterEach
    void close() {
        server.close();
        wal.close();
    }

    @Test
    void aReaderTrustingTheCaGetsEveryRecordAsItArrives() throws Exception {
        try (TailClient client = connect(tls.trustingCa())) {
            List<LoggedRecord> seen = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                wal.append(record(i));
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (seen.size() <= i && System.nanoTime() < deadline) {
                    // Only hasBatch() tells that encrypted bytes arrived, as the source asks it.
                    if (client.hasBatch()) {
                        seen.addAll(client.poll());
                    }
                }
            }
            assertThat(seen).extracting(LoggedRecord::offset).hasSize(20).doesNotHaveDuplicates();
            assertThat(new String(seen.get(19).value(), StandardCharsets.UTF_8)).isEqualTo("v19");
        }
    }

    @Test
    void aReaderTrustingAnotherCaFailsWithOneLineNamingTheEndpointAndTheCaFile() {
        TlsConfig wrong = TlsConfig.builder().caFile(otherCa).build();
        assertThatThrownBy(() -> connect(wrong))
                .isInstanceOf(IOException.class)
                .hasMessage(
                        "tail endpoint "
                                + endpoint
                                + ": server certificate not trusted by CA file "
                                + otherCa);
    }

    @Test
    void aPlainReaderGetsNoRecords() {
        assertThatThrownBy(
                        () ->
                                TailClient.connect(
                                        endpoint, "secret", "s", 0, 0, ReadLimit.WRITTEN, TIMEOUT))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aServerWithoutACertificateIsRefused() {
        assertThatThrownBy(
                        () ->
                                TailServer.start(
                                        InetAddress.getLoopbackAddress(),
                                        0,
                                        0,
                                        "",
                                        TailLimits.defaults(),
                                        tls.trustingCa()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a certificate and key");
    }

    private TailClient connect(TlsConfig config) throws IOException {
        return TailClient.connect(
                endpoint, "secret", "s", 0, 0, ReadLimit.WRITTEN, TIMEOUT, config);
    }

    private static WalRecord record(int i) {
        return new WalRecord(1000 + i, null, ("v" + i).getBytes(StandardCharsets.UTF_8), List.of());
    }
}
