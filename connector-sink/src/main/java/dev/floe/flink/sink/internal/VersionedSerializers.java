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
package dev.floe.flink.sink.internal;

import java.io.IOException;

/** Checks shared by Floe's versioned serializers. Stateless. */
final class VersionedSerializers {

    private VersionedSerializers() {}

    static IOException unknownVersion(String what, int version, int current) {
        return new IOException(
                "cannot read "
                        + what
                        + " of serializer version "
                        + version
                        + ": this Floe reads versions 1 to "
                        + current
                        + "; it was written by a newer Floe");
    }

    static IOException trailingBytes(String what, int count) {
        return new IOException(
                count + " unexpected bytes after " + what + ": the state is damaged or foreign");
    }
}
