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

import java.nio.file.Path;

/**
 * The layout of a local Floe directory ({@code floe.local.path}), the embedded default of the
 * connectors and tools:
 *
 * <pre>
 * &lt;root&gt;/objects/    the local directory object store, when no S3 bucket is set
 * &lt;root&gt;/manifest/   the embedded manifest, when no etcd is set
 * &lt;root&gt;/wal/        write-ahead logs of sinks that keep theirs beside the stores
 * </pre>
 *
 * Stateless.
 */
public final class LocalLayout {

    private LocalLayout() {}

    /** The directory of the local object store under {@code root}. */
    public static Path objects(Path root) {
        return root.toAbsolutePath().resolve("objects");
    }

    /** The directory of the embedded manifest under {@code root}. */
    public static Path manifest(Path root) {
        return root.toAbsolutePath().resolve("manifest");
    }

    /** The directory of write-ahead logs kept beside the embedded stores under {@code root}. */
    public static Path wal(Path root) {
        return root.toAbsolutePath().resolve("wal");
    }
}
