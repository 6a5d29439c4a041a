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

import dev.floe.flink.sink.internal.PartitionChooser;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * The partition of an element, for sending it to the sink subtask that owns the partition ({@code
 * partition % parallelism}) under key-hash or custom routing. Key-hash routing serializes only the
 * element's key; custom routing serializes nothing. An element without a partition (null, a key
 * that fails to serialize, a partitioner that throws or returns a partition the stream does not
 * have) goes to subtask 0, whose writer finds the same problem and applies the invalid-record
 * policy, naming the element's position. Used by one thread per instance.
 */
final class PartitionRouting<T> implements KeySelector<T, Integer> {

    private static final long serialVersionUID = 1L;

    /** The key of elements without a partition: subtask 0 always has a writer (of partition 0). */
    static final int UNROUTABLE = 0;

    private final FloeRecordSerializer<T> serializer;
    private final PartitionChooser<T> chooser;
    private transient boolean opened;

    PartitionRouting(FloeRecordSerializer<T> serializer, PartitionChooser<T> chooser) {
        this.serializer = serializer;
        this.chooser = chooser;
    }

    @Override
    public Integer getKey(T element) {
        if (element == null) {
            return UNROUTABLE;
        }
        try {
            byte[] key = null;
            if (chooser.needsKey()) {
                openSerializer();
                key = serializer.serializeKey(element);
            }
            return chooser.partition(element, key);
        } catch (Exception e) {
            return UNROUTABLE;
        }
    }

    private void openSerializer() throws Exception {
        if (!opened) {
            serializer.open(new RoutingContext());
            opened = true;
        }
    }

    /** Opens the serializer outside a sink writer: no metrics, the task's class loader. */
    private static final class RoutingContext implements SerializationSchema.InitializationContext {
        @Override
        public MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup();
        }

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(Thread.currentThread().getContextClassLoader());
        }
    }
}
