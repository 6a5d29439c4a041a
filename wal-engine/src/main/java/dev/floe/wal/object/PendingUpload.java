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
package dev.floe.wal.object;

import java.time.Instant;

/**
 * A streaming upload that was started and neither completed nor aborted (for example by a writer
 * that died). Immutable.
 *
 * @param key the key the upload would create
 * @param uploadId the store's id of the upload
 * @param started when it was started
 */
public record PendingUpload(String key, String uploadId, Instant started) {}
