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

import dev.floe.wal.error.FloeException;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;

/**
 * The sink cannot start with its settings against the stream as it is (a missing stream, another
 * partition count, a value schema that cannot read the stream's earlier values, too few partitions
 * for the partitioner). Restarting cannot help, so the job fails without restarts; the message says
 * what to change. Immutable.
 */
@PublicEvolving
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
public class FloeSetupException extends FloeException {

    private static final long serialVersionUID = 1L;

    public FloeSetupException(String message) {
        super(message);
    }
}
