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
package dev.floe.flink.sink.testsuite;

import org.apache.flink.connector.testframe.external.ExternalContextFactory;

/**
 * Creates one {@link FloeSinkExternalContext} per test case of Flink's sink test suite, each with a
 * fresh stream and WAL directory on the shared {@link FloeSinkExternalSystem}. Not thread-safe.
 */
public final class FloeSinkExternalContextFactory
        implements ExternalContextFactory<FloeSinkExternalContext> {

    private final FloeSinkExternalSystem system;
    private final int partitions;
    private int created;

    /**
     * @param partitions partitions of every stream; at least the highest sink parallelism the suite
     *     uses (4), since the sink's default partitioner gives each subtask its own
     */
    public FloeSinkExternalContextFactory(FloeSinkExternalSystem system, int partitions) {
        this.system = system;
        this.partitions = partitions;
    }

    @Override
    public FloeSinkExternalContext createExternalContext(String testName) {
        return new FloeSinkExternalContext(system, streamName(testName, ++created), partitions);
    }

    /** A valid, unique stream name: letters, digits, '.', '_' and '-'. */
    private static String streamName(String testName, int index) {
        String base = testName.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        return "suite-" + base + "-" + index + "-" + Long.toHexString(System.nanoTime());
    }
}
