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
package dev.floe.flink.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.connection.ConnectionArguments;
import dev.floe.flink.connection.ConnectionResolver;
import dev.floe.flink.connection.ConnectionSettings;
import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.sink.FloeRecordSerializers;
import dev.floe.flink.sink.FloeSink;
import dev.floe.flink.sink.FloeSinkOptions;
import dev.floe.flink.sink.testing.FloeTestStores;
import dev.floe.wal.testing.CapturedLogs;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import dev.floe.wal.testing.TlsTestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * FloeSink and FloeSource with every connection on TLS: S3 on https with a private CA, etcd on
 * https requiring client certificates, and the writers' tail endpoints on TLS. Every record comes
 * back once, and no secret reaches the logs.
 */
class FloeTlsITCase {

    private static final TlsTestFiles TLS = TlsTestFiles.shared();

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension(TLS);
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension(TLS);

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static final int RECORDS = 5_000;

    @TempDir Path wal;

    @Test
    @Timeout(180)
    void aJobWritesThroughTlsAndAReaderGetsEveryRecordOnce() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start();
                FloeTestStores floe = new FloeTestStores(ETCD, S3, TLS)) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            env.enableCheckpointing(100);
            env.fromSequence(0, RECORDS - 1)
                    .map(String::valueOf)
                    .sinkTo(
                            floe.connect(FloeSink.<String>builder()).stream("secure")
                                    .partitions(2)
                                    .serializer(FloeRecordSerializers.strings())
                                    .walDirectory(wal.toString())
                                    .build());
            env.execute("write over TLS");

            List<String> read = new ArrayList<>();
            try (CloseableIterator<String> it =
                    StreamExecutionEnvironment.getExecutionEnvironment()
                            .fromSource(
                                    floe.connect(FloeSource.<String>builder()).stream("secure")
                                            .deserializer(FloeDeserializers.strings())
                                            .bounded()
                                            .build(),
                                    WatermarkStrategy.noWatermarks(),
                                    "floe")
                            .executeAndCollect("read over TLS")) {
                it.forEachRemaining(read::add);
            }

            assertThat(read).hasSize(RECORDS);
            assertThat(new HashSet<>(read)).hasSize(RECORDS);
            assertNoSecrets(logs.text());
        }
    }

    @Test
    @Timeout(180)
    void aReadUncommittedReaderFollowsTheWriterOverATlsTailEndpoint() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start();
                FloeTestStores floe = new FloeTestStores(ETCD, S3, TLS)) {
            StreamExecutionEnvironment writerEnv =
                    StreamExecutionEnvironment.getExecutionEnvironment();
            writerEnv.setParallelism(1);
            writerEnv
                    .fromSequence(0, 1_000_000)
                    .map(
                            v -> {
                                if (v % 50 == 0) {
                                    Thread.sleep(1);
                                }
                                return String.valueOf(v);
                            })
                    .sinkTo(
                            floe.connect(FloeSink.<String>builder()).stream("followed")
                                    .partitions(1)
                                    .serializer(FloeRecordSerializers.strings())
                                    .walDirectory(wal.toString())
                                    .set(
                                            FloeSinkOptions.TAIL_TLS_CERT_FILE,
                                            path(TLS.serverCertPem()))
                                    .set(
                                            FloeSinkOptions.TAIL_TLS_KEY_FILE,
                                            path(TLS.serverKeyPem()))
                                    .build());
            JobClient writer = writerEnv.executeAsync("writer without checkpoints");
            awaitWriter(floe, "followed");
            List<String> seen = new ArrayList<>();
            StreamExecutionEnvironment readerEnv =
                    StreamExecutionEnvironment.getExecutionEnvironment();
            // Slots for both jobs at once.
            readerEnv.setParallelism(1);
            try (CloseableIterator<String> it =
                    readerEnv
                            .fromSource(
                                    floe.connect(FloeSource.<String>builder()).stream("followed")
                                            .deserializer(FloeDeserializers.strings())
                                            .isolation(FloeSourceOptions.Isolation.READ_UNCOMMITTED)
                                            .set(FloeSourceOptions.TAIL_LOCAL_FILES, false)
                                            .set(
                                                    FloeSourceOptions.TAIL_TLS_CA_FILE,
                                                    path(TLS.caPem()))
                                            .build(),
                                    WatermarkStrategy.noWatermarks(),
                                    "floe")
                            .executeAndCollect("uncommitted reader over TLS")) {
                while (seen.size() < 2_000 && it.hasNext()) {
                    seen.add(it.next());
                }
            } finally {
                writer.cancel().get();
            }

            // Nothing was committed: the records came over the tail endpoint.
            assertThat(floe.head("followed", 0).committedEnd()).isZero();
            assertThat(seen).hasSize(2_000).doesNotHaveDuplicates();
            assertThat(logs.text()).contains("at the writer's tail endpoint");
            assertNoSecrets(logs.text());
        }
    }

    @Test
    @Timeout(120)
    void aSinkJobTrustingAnotherCaFailsAtStartInOneLine() throws Exception {
        Path otherCa = TlsTestFiles.sharedUnrelatedCa();
        try (FloeTestStores floe = new FloeTestStores(ETCD, S3, TLS)) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            env.fromSequence(0, 9)
                    .map(String::valueOf)
                    .sinkTo(
                            floe.connect(FloeSink.<String>builder()).stream("refused")
                                    .serializer(FloeRecordSerializers.strings())
                                    .walDirectory(wal.toString())
                                    .set(FloeConnectionOptions.S3_TLS_CA_FILE, path(otherCa))
                                    .build());

            assertThatThrownBy(() -> env.execute("write trusting another CA"))
                    .satisfies(
                            e ->
                                    assertThat(messages(e))
                                            .anyMatch(
                                                    m ->
                                                            m.endsWith(
                                                                    ": S3 "
                                                                            + S3.endpoint()
                                                                            + ": server certificate"
                                                                            + " not trusted by CA"
                                                                            + " file "
                                                                            + otherCa)));
        }
    }

    @Test
    void theConnectionCheckOfAToolTrustingAnotherCaIsOneLine() throws Exception {
        Path otherCa = TlsTestFiles.sharedUnrelatedCa();
        ConnectionSettings settings =
                ConnectionResolver.of(Map.of())
                        .resolve(
                                ConnectionArguments.extractFrom(
                                        "--no-env-file",
                                        "--local-path",
                                        wal.toString(),
                                        "--etcd",
                                        ETCD.endpoint(),
                                        "--etcd-tls-ca-file",
                                        path(otherCa),
                                        "--etcd-tls-cert-file",
                                        path(TLS.clientCertPem()),
                                        "--etcd-tls-key-file",
                                        path(TLS.clientKeyPem())));

        assertThatThrownBy(settings::check)
                .hasMessage(
                        "etcd "
                                + ETCD.endpoint()
                                + ": server certificate not trusted by CA file "
                                + otherCa
                                + " (connection from flags)");
    }

    private static List<String> messages(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }

    private static void awaitWriter(FloeTestStores floe, String stream) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (floe.manifest().stream(stream).isEmpty()
                || floe.manifest().writer(stream, 0).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the writer never registered");
            }
            Thread.sleep(50);
        }
    }

    private static void assertNoSecrets(String logs) throws Exception {
        assertThat(logs)
                .doesNotContain(S3.secretKey())
                .doesNotContain(keyLine(TLS.clientKeyPem()))
                .doesNotContain(keyLine(TLS.serverKeyPem()));
    }

    /** A line of a PEM key's Base64 body. */
    private static String keyLine(Path pem) throws Exception {
        return Files.readString(pem).split("\n")[1];
    }

    private static String path(Path file) {
        return file.toString();
    }
}
