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

import dev.floe.flink.connection.FloeConnection;
import dev.floe.flink.source.FloeSourceOptions;
import dev.floe.flink.source.split.FloeSplit;
import dev.floe.wal.error.FloeException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reader's entry in the stream's consumer registry: the positions of its partitions at each
 * checkpoint, stored in the manifest once that checkpoint completes (never before, so a stored
 * position is always one a restore could resume from). A failed store is logged and retried at the
 * next checkpoint. Used by the task thread only.
 */
final class ConsumerRegistration implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerRegistration.class);

    private final Configuration config;
    private final String consumerId;
    private final Duration ttl;
    private final TreeMap<Long, Map<Integer, Long>> pending = new TreeMap<>();
    private final Map<Integer, Long> finished = new HashMap<>();
    private FloeConnection connection;
    private String stream;

    ConsumerRegistration(Configuration config, String consumerId) {
        this.config = config;
        this.consumerId = consumerId;
        this.ttl = config.get(FloeSourceOptions.CONSUMER_TTL);
    }

    void snapshot(long checkpointId, List<FloeSplit> splits) {
        Map<Integer, Long> positions = new HashMap<>(finished);
        for (FloeSplit split : splits) {
            positions.put(split.partition(), split.nextOffset());
            stream = split.stream();
        }
        pending.put(checkpointId, positions);
    }

    void finished(FloeSplit split) {
        finished.put(split.partition(), split.nextOffset());
        stream = split.stream();
    }

    void checkpointComplete(long checkpointId) {
        var done = pending.floorEntry(checkpointId);
        if (done == null) {
            return;
        }
        pending.headMap(checkpointId, true).clear();
        if (done.getValue().isEmpty()) {
            return;
        }
        try {
            if (connection == null) {
                connection = FloeConnection.open(config);
            }
            connection.manifest().putConsumerPosition(stream, consumerId, done.getValue(), ttl);
        } catch (IOException | FloeException e) {
            LOG.warn(
                    "Could not store the position of consumer {} of {} at checkpoint {}; the next"
                            + " checkpoint stores it: {}",
                    consumerId,
                    stream,
                    done.getKey(),
                    e.toString());
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
