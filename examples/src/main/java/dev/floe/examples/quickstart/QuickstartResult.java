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
package dev.floe.examples.quickstart;

/**
 * The outcome of a quickstart run. Immutable.
 *
 * @param ordersRequested orders the writing job was asked to generate
 * @param recordsIn orders the writing job committed to the stream
 * @param recordsOut orders the reading job read back
 * @param distinctOrdersOut distinct order ids among those read back
 * @param writeSeconds duration of the writing job
 * @param readSeconds duration of the reading job
 * @param stream what the manifest holds after the run
 */
public record QuickstartResult(
        long ordersRequested,
        long recordsIn,
        long recordsOut,
        long distinctOrdersOut,
        double writeSeconds,
        double readSeconds,
        StreamSummary stream) {

    /** Whether every order requested was committed once and read back exactly once. */
    public boolean matches() {
        return recordsIn == ordersRequested
                && recordsOut == recordsIn
                && distinctOrdersOut == recordsIn;
    }
}
