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

/**
 * A stream named in an admin call does not exist; the message names it and the manifest. Immutable.
 */
public class StreamNotFoundException extends ManifestException {
    private static final long serialVersionUID = 1L;

    private final String stream;

    public StreamNotFoundException(String stream, String manifest) {
        super("stream " + stream + " does not exist in " + manifest);
        this.stream = stream;
    }

    public String stream() {
        return stream;
    }
}
