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

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The rules every {@link ObjectStore} applies to keys and read ranges, and the order in which it
 * lists keys. Stateless.
 *
 * <p>A key is a relative, slash-separated path: not empty, no leading slash, no empty, {@code .} or
 * {@code ..} segment, no NUL character. The same key therefore means the same object whether the
 * store is a bucket or a directory.
 */
final class ObjectKeys {

    /** Keys in the order S3 lists them: by Unicode code point, which is UTF-8 byte order. */
    static final Comparator<String> ORDER = ObjectKeys::compareCodePoints;

    private ObjectKeys() {}

    /**
     * Returns {@code key} if it is valid.
     *
     * @throws IllegalArgumentException naming the key and the rule it breaks
     */
    static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("Object key must not be null or empty");
        }
        checkCharacters(key, "Object key");
        if (key.startsWith("/")) {
            throw invalid(key, "must not start with '/'; keys are relative to the store");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                throw invalid(key, "must not contain an empty segment ('//' or a trailing '/')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw invalid(key, "must not contain a '.' or '..' segment");
            }
        }
        return key;
    }

    /**
     * Returns {@code prefix} if it can start a valid key: empty, or without a leading slash and
     * without {@code .}/{@code ..} or empty segments before its last slash.
     *
     * @throws IllegalArgumentException naming the prefix and the rule it breaks
     */
    static String checkPrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException(
                    "Key prefix must not be null; use \"\" for all keys");
        }
        if (prefix.isEmpty()) {
            return prefix;
        }
        checkCharacters(prefix, "Key prefix");
        int lastSlash = prefix.lastIndexOf('/');
        if (lastSlash >= 0) {
            try {
                check(prefix.substring(0, lastSlash));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "Key prefix '" + prefix + "' cannot start any valid key: " + e.getMessage(),
                        e);
            }
        }
        return prefix;
    }

    /**
     * Checks a read's start and length.
     *
     * @throws IllegalArgumentException if either is negative
     */
    static void checkRange(long position, int length) {
        if (position < 0 || length < 0) {
            throw new IllegalArgumentException(
                    "position and length must be >= 0, got position "
                            + position
                            + " and length "
                            + length);
        }
    }

    private static void checkCharacters(String value, String what) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " '" + value + "' must not contain NUL");
        }
    }

    private static IllegalArgumentException invalid(String key, String rule) {
        return new IllegalArgumentException("Object key '" + key + "' " + rule);
    }

    private static int compareCodePoints(String a, String b) {
        return Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
