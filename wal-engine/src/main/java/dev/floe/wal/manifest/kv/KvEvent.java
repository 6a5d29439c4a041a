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

/**
 * A change to one key, as delivered by {@link KvStore#watch}. Immutable.
 *
 * @param type put or delete
 * @param key the key
 * @param value the new value (empty for a delete)
 * @param revision the revision of the change
 * @param version the key's version after a put (1 when created), 0 after a delete
 */
public record KvEvent(Type type, String key, byte[] value, long revision, long version) {

    /** The kind of change. */
    public enum Type {
        PUT,
        DELETE
    }
}
