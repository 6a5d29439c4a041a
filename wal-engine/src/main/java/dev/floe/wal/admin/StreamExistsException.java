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
import dev.floe.wal.manifest.StreamConfig;

/**
 * {@link FloeAdmin#createStream} found a stream of that name; it carries the stored definition.
 * Immutable.
 */
public class StreamExistsException extends ManifestException {
    private static final long serialVersionUID = 1L;

    private final transient StreamConfig existing;

    public StreamExistsException(StreamConfig existing) {
        super(
                "stream "
                        + existing.name()
                        + " exists already with "
                        + existing.partitions()
                        + " partitions");
        this.existing = existing;
    }

    /** The definition that is stored. */
    public StreamConfig existing() {
        return existing;
    }
}
