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
package dev.floe.flink.sink.testsuite;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test records for Flink's connector test suites: 200 to 500 distinct strings of 1 to 100
 * characters after a prefix, some beyond ASCII. Stateless.
 */
public final class SuiteTestData {

    private static final int MIN_RECORDS = 200;
    private static final int MAX_RECORDS = 500;
    private static final int MAX_VALUE_CHARS = 100;
    private static final String ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789äöüß€ 日本";

    private SuiteTestData() {}

    /** Records drawn from {@code seed}, each starting with {@code prefix} and its index. */
    public static List<String> generate(long seed, String prefix) {
        Random random = new Random(seed);
        int count = MIN_RECORDS + random.nextInt(MAX_RECORDS - MIN_RECORDS + 1);
        List<String> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder value = new StringBuilder(prefix).append(i).append('-');
            int chars = 1 + random.nextInt(MAX_VALUE_CHARS);
            for (int c = 0; c < chars; c++) {
                value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            records.add(value.toString());
        }
        return records;
    }
}
