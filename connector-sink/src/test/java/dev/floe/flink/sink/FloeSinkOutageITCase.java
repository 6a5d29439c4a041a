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
package dev.floe.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.sink.testing.FloeTestStores;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running FloeSink job rides out an outage of etcd or of the S3 server: commits and uploads wait
 * and retry, and every record is committed exactly once when the service is back.
 */
class FloeSinkOutageITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final int RECORDS = 40_000;

    @TempDir Path wal;

    private FloeTestStores floe;

    @BeforeEach
    void open() throws Exception {
        floe = new FloeTestStores(ETCD, S3);
    }

    @AfterEach
    void close() throws Exception {
        floe.close();
    }

    @Test
    void anEtcdOutageDelaysCommitsWithoutLosingOrDuplicatingRecords() throws Exception {
        JobClient job = start("etcd-outage");
        awaitCommitted("etcd-outage", 2_000);
        ETCD.server().stop();
        Thread.sleep(3_000);
        ETCD.server().restart();
        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
        assertExactlyOnce("etcd-outage");
    }

    @Test
    void anS3OutageDelaysUploadsWithoutLosingOrDuplicatingRecords() throws Exception {
        JobClient job = start("s3-outage");
        awaitCommitted("s3-outage", 2_000);
        S3.pause();
        try {
            Thread.sleep(3_000);
        } finally {
            S3.resume();
        }
        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
        assertExactlyOnce("s3-outage");
    }

    private JobClient start(String stream) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(200);
        env.fromSequence(0, RECORDS - 1)
                .map(
                        v -> {
                            if (v % 20 == 0) {
                                Thread.sleep(1);
                            }
                            return String.valueOf(v);
                        })
                .sinkTo(
                        floe.connect(FloeSink.<String>builder()).stream(stream)
                                .partitions(2)
                                .serializer(FloeRecordSerializers.strings())
                                .walDirectory(wal.toString())
                                .build());
        return env.executeAsync(stream);
    }

    private void awaitCommitted(String stream, long records) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (committed(stream) < records) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + records + " commits");
            }
            Thread.sleep(50);
        }
    }

    private long committed(String stream) {
        if (floe.manifest().stream(stream).isEmpty()) {
            return 0;
        }
        return floe.head(stream, 0).committedEnd() + floe.head(stream, 1).committedEnd();
    }

    private void assertExactlyOnce(String stream) throws Exception {
        List<String> values = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            values.addAll(floe.committedValues(stream, p));
        }
        assertThat(values).hasSize(RECORDS);
        assertThat(new HashSet<>(values)).hasSize(RECORDS);
    }
}
