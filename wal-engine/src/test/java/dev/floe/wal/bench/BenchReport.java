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
package dev.floe.wal.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Collects a benchmark's figures and prints them: a readable summary, then one JSON line. Shared by
 * the benchmarks of every module. Not thread-safe.
 */
public final class BenchReport {

    private final String name;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    public BenchReport(String name) {
        this.name = name;
        figures.put("benchmark", name);
    }

    /** Adds a figure; a double that is not finite (nothing to measure it by) is JSON's null. */
    public BenchReport put(String key, Object value) {
        if (value instanceof Double d) {
            figures.put(key, Double.isFinite(d) ? BigDecimal.valueOf(round(d)) : null);
            return this;
        }
        figures.put(key, value);
        return this;
    }

    public void print() {
        System.out.println();
        System.out.println("== " + name + " ==");
        figures.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-32s %s%n", k, plain(v)));
        StringBuilder json = new StringBuilder("{");
        figures.forEach(
                (k, v) -> {
                    if (json.length() > 1) {
                        json.append(',');
                    }
                    json.append('"').append(k).append("\":");
                    json.append(v instanceof String text ? quote(text) : plain(v));
                });
        System.out.println(json.append('}'));
    }

    /** The value at quantile {@code q} (0..1) of the first {@code n} samples, which it sorts. */
    public static double percentile(long[] samples, int n, double q) {
        Arrays.sort(samples, 0, n);
        if (n == 0) {
            return Double.NaN;
        }
        return samples[(int) Math.min(n - 1, Math.round(q * (n - 1)))];
    }

    /** The median of {@code values}, which it sorts. */
    public static double median(double[] values) {
        Arrays.sort(values);
        return values[values.length / 2];
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String plain(Object v) {
        return v instanceof BigDecimal b ? b.toPlainString() : String.valueOf(v);
    }

    public static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    public static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
