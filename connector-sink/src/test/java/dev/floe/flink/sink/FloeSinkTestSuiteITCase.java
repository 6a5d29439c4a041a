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

import dev.floe.flink.sink.testsuite.FloeSinkExternalContextFactory;
import dev.floe.flink.sink.testsuite.FloeSinkExternalSystem;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestExternalSystem;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SinkTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;
import org.junit.jupiter.api.Timeout;

/**
 * Flink's own sink test suite ({@link SinkTestSuiteBase}) run against {@link FloeSink} on a
 * MiniCluster, a real etcd and a real S3 server: a bounded job, restarts from a savepoint with the
 * same, a higher and a lower parallelism, and the writer's record counter, each exactly-once and
 * at-least-once. The suite waits for results without a deadline, so every case has one here.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FloeSinkTestSuiteITCase extends SinkTestSuiteBase<String> {

    /** Streams need a partition per sink subtask; the suite runs up to 4. */
    private static final int PARTITIONS = 4;

    @TestEnv MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestExternalSystem
    FloeSinkExternalSystem servers =
            new FloeSinkExternalSystem(FloeSinkTestSuiteITCase.class.getSimpleName());

    @TestContext
    FloeSinkExternalContextFactory floe = new FloeSinkExternalContextFactory(servers, PARTITIONS);

    @TestSemantics
    CheckpointingMode[] semantics = {
        CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE
    };
}
