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
 * One key as stored in a {@link KvStore}, with etcd's bookkeeping. Immutable by convention (the
 * value array is never modified after construction).
 *
 * @param key the key
 * @param value the value (empty when read keys-only)
 * @param createRevision revision at which the key was created
 * @param modRevision revision of the last change to the key
 * @param version number of puts since the key was created (0 means absent)
 * @param lease id of the lease the key is attached to, 0 for none
 */
public record KvEntry(
        String key,
        byte[] value,
        long createRevision,
        long modRevision,
        long version,
        long lease) {}
