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
package dev.floe.wal.admin;

import dev.floe.wal.manifest.ManifestException;
import java.util.List;

/**
 * {@link FloeAdmin#deleteStream} refused to delete a stream while writers hold partitions of it;
 * the message names each partition with its writer and epoch. Immutable.
 */
public class StreamBusyException extends ManifestException {
    private static final long serialVersionUID = 1L;

    private final String writers;

    /**
     * @param written the partitions a writer holds, each with its writer
     */
    public StreamBusyException(String stream, List<PartitionInfo> written) {
        this(stream, describe(written));
    }

    private StreamBusyException(String stream, String writers) {
        super(
                "stream "
                        + stream
                        + " is being written: "
                        + writers
                        + "; stop its writers first, or force the deletion");
        this.writers = writers;
    }

    /** Each written partition with its writer, such as {@code partition 1 by job-7 (epoch 3)}. */
    public String writers() {
        return writers;
    }

    private static String describe(List<PartitionInfo> written) {
        return String.join(
                ", ",
                written.stream()
                        .map(
                                p ->
                                        "partition "
                                                + p.partition()
                                                + " by "
                                                + p.writer().orElseThrow().owner()
                                                + " (epoch "
                                                + p.writer().orElseThrow().epoch()
                                                + ")")
                        .toList());
    }
}
