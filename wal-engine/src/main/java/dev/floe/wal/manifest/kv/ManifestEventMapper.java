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
package dev.floe.wal.manifest.kv;

import dev.floe.wal.manifest.ManifestEvent;
import dev.floe.wal.manifest.ManifestException;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionHead;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns key changes under one stream's prefix into {@link ManifestEvent}s: a head put is {@link
 * ManifestEvent.HeadChanged}; an object put is {@link ManifestEvent.ObjectAdded}, preceded by
 * {@link ManifestEvent.ObjectRemoved} when it replaces the object at the same start (compaction);
 * an object delete is {@link ManifestEvent.ObjectRemoved}. Other keys are ignored. Thread-safe.
 */
public final class ManifestEventMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ManifestEventMapper.class);
    private static final String HEAD = "head";
    private static final String OBJECTS = "objects/";

    private final String streamPrefix;
    private final ManifestCodec codec;

    ManifestEventMapper(String streamPrefix, ManifestCodec codec) {
        this.streamPrefix = streamPrefix;
        this.codec = codec;
    }

    List<ManifestEvent> map(KvEvent event) {
        String rest = event.key().substring(streamPrefix.length());
        // Partition keys look like p/00003/head and p/00003/objects/<start:020>.
        if (!rest.startsWith("p/") || rest.length() < 9 || rest.charAt(7) != '/') {
            return List.of();
        }
        try {
            int partition = Integer.parseInt(rest.substring(2, 7));
            String leaf = rest.substring(8);
            boolean put = event.type() == KvEvent.Type.PUT;
            if (leaf.equals(HEAD) && put) {
                PartitionHead head = codec.decode(entry(event), PartitionHead.class);
                return List.of(new ManifestEvent.HeadChanged(partition, head));
            }
            if (leaf.startsWith(OBJECTS)) {
                long start = Long.parseLong(leaf.substring(OBJECTS.length()));
                if (!put) {
                    return List.of(new ManifestEvent.ObjectRemoved(partition, start));
                }
                var added =
                        new ManifestEvent.ObjectAdded(
                                partition, codec.decode(entry(event), ObjectDescriptor.class));
                return event.version() > 1
                        ? List.of(new ManifestEvent.ObjectRemoved(partition, start), added)
                        : List.of(added);
            }
        } catch (NumberFormatException | ManifestException e) {
            LOG.warn("ignoring a change to {} that is not a manifest key: {}", event.key(), e);
        }
        return List.of();
    }

    private static KvEntry entry(KvEvent e) {
        return new KvEntry(e.key(), e.value(), 0, e.revision(), e.version(), 0);
    }
}
