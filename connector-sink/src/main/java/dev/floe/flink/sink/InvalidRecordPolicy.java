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
package dev.floe.flink.sink;

import org.apache.flink.annotation.PublicEvolving;

/**
 * What the sink does with an element it cannot write: null, failing to serialize, too large, or
 * without a partition (a routing error).
 */
@PublicEvolving
public enum InvalidRecordPolicy {
    /** Fail the job with the element's position (subtask and record number) in the message. */
    FAIL,
    /**
     * Drop the element and count it in numRecordsSendErrors; warnings name skipped elements, at
     * most one every 10 seconds.
     */
    SKIP
}
