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

import java.io.PrintStream;

/**
 * Lines of the soak run on standard output, each with the time since the run began. Thread-safe.
 */
final class SoakLog {

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    SoakLog(PrintStream out) {
        this.out = out;
    }

    /** Prints one line, {@code format} filled with {@code args}, after the elapsed time. */
    synchronized void line(String format, Object... args) {
        long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
        out.printf("[%02d:%02d] %s%n", seconds / 60, seconds % 60, String.format(format, args));
        out.flush();
    }
}
