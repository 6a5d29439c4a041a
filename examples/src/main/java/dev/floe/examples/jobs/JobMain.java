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
package dev.floe.examples.jobs;

import dev.floe.examples.ExampleCommand;

/** Runs an example job's command line. Stateless. */
final class JobMain {

    private JobMain() {}

    /**
     * Parses {@code args} into {@code job} and runs it. Exits the JVM only on failure: under {@code
     * flink run} the Flink client goes on after {@code main} returns.
     */
    static void run(ExampleCommand job, String[] args) {
        int code = ExampleCommand.executeMain(job, args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
