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
package dev.floe.examples.soak;

import java.util.Locale;

/** The faults the soak run injects, each named as in its JSON summary. */
enum FaultKind {
    /** A TaskManager killed with SIGKILL, then restarted. */
    TASKMANAGER_KILL,
    /** The S3 server frozen with SIGSTOP for 30 to 90 s, then resumed with SIGCONT. */
    S3_FREEZE,
    /** The etcd member that leads killed with SIGKILL, then restarted. */
    ETCD_LEADER_KILL,
    /** The TCP connections of a reader to a writer's tail endpoint dropped (both ends). */
    TAIL_DROP,
    /** A TaskManager killed, the WAL directories its writers held deleted, then restarted. */
    WAL_DELETE;

    /** The name in the JSON summary, such as {@code s3_freeze}. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
