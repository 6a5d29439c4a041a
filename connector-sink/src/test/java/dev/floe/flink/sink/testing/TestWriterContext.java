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
package dev.floe.flink.sink.testing;

import java.util.OptionalLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobInfo;
import org.apache.flink.api.common.JobInfoImpl;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.TaskInfoImpl;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.OperatorIOMetricGroup;
import org.apache.flink.metrics.groups.OperatorMetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.groups.ProxyMetricGroup;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * The context Flink gives a sink writer, for unit tests without a MiniCluster: one subtask of a
 * given parallelism in a new job, restoring no checkpoint, with Flink's own sink writer metric
 * group registered in a {@link MetricListener} so tests read metrics by their reported names. Not
 * thread-safe.
 */
public final class TestWriterContext implements WriterInitContext {

    private final int subtask;
    private final int parallelism;
    private final JobID jobId = new JobID();
    private final MetricListener listener = new MetricListener();
    private final SinkWriterMetricGroup metricGroup =
            InternalSinkWriterMetricGroup.wrap(
                    new ListenedOperatorGroup(listener.getMetricGroup()));

    private final ManualTimers timers = new ManualTimers();

    public TestWriterContext(int subtask, int parallelism) {
        this.subtask = subtask;
        this.parallelism = parallelism;
    }

    /** A counter's count, by its path below the writer's metric group, such as "floe", "x". */
    public long counter(String... path) {
        Counter counter =
                listener.getCounter(path)
                        .orElseThrow(
                                () -> new AssertionError("no counter " + String.join(".", path)));
        return counter.getCount();
    }

    /** A gauge's value, by its path below the writer's metric group. */
    public Object gauge(String... path) {
        Gauge<Object> gauge =
                listener.<Object>getGauge(path)
                        .orElseThrow(
                                () -> new AssertionError("no gauge " + String.join(".", path)));
        return gauge.getValue();
    }

    @Override
    public OptionalLong getRestoredCheckpointId() {
        return OptionalLong.empty();
    }

    @Override
    public JobInfo getJobInfo() {
        return new JobInfoImpl(jobId, "test job");
    }

    @Override
    public TaskInfo getTaskInfo() {
        return new TaskInfoImpl("Floe sink", 128, subtask, parallelism, 0);
    }

    @Override
    public SinkWriterMetricGroup metricGroup() {
        return metricGroup;
    }

    @Override
    public UserCodeClassLoader getUserCodeClassLoader() {
        return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
    }

    @Override
    public SerializationSchema.InitializationContext asSerializationSchemaInitializationContext() {
        return new SerializationSchema.InitializationContext() {
            @Override
            public MetricGroup getMetricGroup() {
                return metricGroup;
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return TestWriterContext.this.getUserCodeClassLoader();
            }
        };
    }

    @Override
    public boolean isObjectReuseEnabled() {
        return false;
    }

    @Override
    public MailboxExecutor getMailboxExecutor() {
        throw new UnsupportedOperationException("Floe's sink writer uses no mailbox");
    }

    @Override
    public ProcessingTimeService getProcessingTimeService() {
        return timers;
    }

    /** The processing time the writer's timers run on; it moves when a test advances it. */
    public ManualTimers timers() {
        return timers;
    }

    @Override
    public <IN> TypeSerializer<IN> createInputSerializer() {
        throw new UnsupportedOperationException("Floe's sink writer copies no input");
    }

    /** An operator's metric group that registers into the listener's group. */
    /** The context of one {@code write}: no watermark yet, and {@code timestamp} (may be null). */
    public static SinkWriter.Context elementContext(Long timestamp) {
        return new SinkWriter.Context() {
            @Override
            public long currentWatermark() {
                return Long.MIN_VALUE;
            }

            @Override
            public Long timestamp() {
                return timestamp;
            }
        };
    }

    private static final class ListenedOperatorGroup extends ProxyMetricGroup<MetricGroup>
            implements OperatorMetricGroup {

        private final OperatorIOMetricGroup io =
                UnregisteredMetricsGroup.createOperatorIOMetricGroup();

        ListenedOperatorGroup(MetricGroup parent) {
            super(parent);
        }

        @Override
        public OperatorIOMetricGroup getIOMetricGroup() {
            return io;
        }
    }
}
