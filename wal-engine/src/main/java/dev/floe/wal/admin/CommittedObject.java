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

import dev.floe.wal.manifest.ObjectDescriptor;

/**
 * An object the manifest references below its partition's committed end. Immutable.
 *
 * @param partition its partition
 * @param descriptor what the manifest records about it: kind, key, offsets, size, times, epoch
 * @param location where a tool outside Floe finds it: a file path, or an {@code s3://} URL
 */
public record CommittedObject(int partition, ObjectDescriptor descriptor, String location) {}
