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
package dev.floe.flink.tiering.internal;

import dev.floe.flink.tiering.FloeTieringOptions;
import dev.floe.wal.manifest.ManifestException;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.StreamConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the partitions to tier from the manifest: those of the named streams, or of every stream of
 * the namespace when none is named. Stateless.
 */
final class StreamDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(StreamDiscovery.class);

    private StreamDiscovery() {}

    /**
     * One split per partition of each stream. A named stream that does not exist fails a bounded
     * job, which could never tier it; an unbounded job tiers it once it is created.
     */
    static List<TieringSplit> partitions(
            ManifestStore manifest, List<String> streams, boolean bounded) {
        List<String> names = streams.isEmpty() ? manifest.streams() : streams;
        List<TieringSplit> splits = new ArrayList<>();
        for (String name : names) {
            Optional<StreamConfig> stream = manifest.stream(name);
            if (stream.isEmpty()) {
                if (bounded) {
                    throw new ManifestException(
                            "Stream "
                                    + name
                                    + " named in "
                                    + FloeTieringOptions.STREAMS.key()
                                    + " does not exist in "
                                    + manifest.describe());
                }
                LOG.info(
                        "Stream {} does not exist in {} yet; tiering it once it does",
                        name,
                        manifest.describe());
                continue;
            }
            for (int p = 0; p < stream.get().partitions(); p++) {
                splits.add(new TieringSplit(name, p));
            }
        }
        return splits;
    }
}
