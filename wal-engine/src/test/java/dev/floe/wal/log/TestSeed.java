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
package dev.floe.wal.log;

import java.security.SecureRandom;

/** The random seed of a randomized test class: logged, and fixed with {@code -Dfloe.test.seed}. */
final class TestSeed {

    private TestSeed() {}

    /** A new random seed, or the one given as {@code floe.test.seed}; printed for reruns. */
    static long choose(Class<?> testClass) {
        String given = System.getProperty("floe.test.seed");
        long seed =
                given == null || given.isBlank()
                        ? new SecureRandom().nextLong()
                        : Long.parseLong(given.trim());
        System.out.println(
                testClass.getSimpleName()
                        + " seed "
                        + seed
                        + " (rerun with -Dfloe.test.seed="
                        + seed
                        + ")");
        return seed;
    }
}
