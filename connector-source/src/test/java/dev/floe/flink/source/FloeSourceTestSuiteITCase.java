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

import dev.floe.flink.sink.testsuite.FloeSinkExternalSystem;
import dev.floe.flink.source.testsuite.FloeSourceExternalContextFactory;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestExternalSystem;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SourceTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;
import org.junit.jupiter.api.Timeout;

/**
 * Flink's own source test suite ({@link SourceTestSuiteBase}) run against {@link FloeSource} on a
 * MiniCluster, a real etcd and a real S3 server: bounded reads of one and of several partitions, an
 * idle reader, restarts from a savepoint with the same, a higher and a lower parallelism, the
 * reader's record counter and a TaskManager failure, exactly-once. Each split the suite writes is
 * one partition, committed as segment objects with the WAL engine. The suite waits for results
 * without a deadline, so every case has one here.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FloeSourceTestSuiteITCase extends SourceTestSuiteBase<String> {

    /** The most splits a suite case writes. */
    private static final int PARTITIONS = 4;

    @TestEnv MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestExternalSystem
    FloeSinkExternalSystem servers =
            new FloeSinkExternalSystem(FloeSourceTestSuiteITCase.class.getSimpleName());

    @TestContext
    FloeSourceExternalContextFactory floe =
            new FloeSourceExternalContextFactory(servers, PARTITIONS);

    @TestSemantics CheckpointingMode[] semantics = {CheckpointingMode.EXACTLY_ONCE};
}
