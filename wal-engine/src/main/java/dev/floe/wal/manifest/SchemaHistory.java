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
package dev.floe.wal.manifest;

import java.util.List;

/**
 * The versions of a stream's value schema, oldest first, numbered densely from 1. Immutable.
 *
 * @param stream the stream's name
 * @param versions every version, version 1 first
 */
public record SchemaHistory(String stream, List<SchemaVersion> versions) {

    public SchemaHistory {
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("stream " + stream + ": a history has version 1");
        }
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).version() != i + 1) {
                throw new ManifestException(
                        "stream "
                                + stream
                                + ": schema version "
                                + (i + 1)
                                + " is missing from its history (found "
                                + versions.get(i).version()
                                + "); the manifest was changed by something other than Floe");
            }
        }
    }

    /** The newest version. */
    public SchemaVersion latest() {
        return versions.get(versions.size() - 1);
    }

    /**
     * Version {@code version}.
     *
     * @throws ManifestException if the history has no such version
     */
    public SchemaVersion version(int version) {
        if (version < 1 || version > versions.size()) {
            throw new ManifestException(
                    "stream "
                            + stream
                            + " has schema versions 1 to "
                            + versions.size()
                            + ", not "
                            + version
                            + "; data written with a newer schema needs a fresh read of the"
                            + " history");
        }
        return versions.get(version - 1);
    }
}
