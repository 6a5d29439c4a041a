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

import java.util.Objects;

/**
 * A stream's pointer to its Iceberg table's current metadata file. Immutable.
 *
 * @param metadataLocation the metadata file, as a URI engines open ({@code s3://} or {@code file:})
 * @param revision the store revision that last changed the pointer; compare-and-set compares it
 */
public record TablePointer(String metadataLocation, long revision) {

    public TablePointer {
        Objects.requireNonNull(metadataLocation, "metadataLocation");
    }
}
