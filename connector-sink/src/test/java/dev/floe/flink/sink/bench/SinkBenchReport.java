package dev.floe.flink.sink.bench;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Collects the {@code sink} benchmark's figures and prints them as the other benchmarks do: a
 * readable summary, then one JSON object on the last line. Not thread-safe.
 */
final class SinkBenchReport {

    private final String name;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    SinkBenchReport(String name) {
        this.name = name;
        figures.put("benchmark", name);
    }

    SinkBenchReport put(String key, Object value) {
        figures.put(key, value instanceof Double d ? BigDecimal.valueOf(round(d)) : value);
        return this;
    }

    void print() {
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
                    json.append(v instanceof String s ? quote(s) : plain(v));
                });
        System.out.println(json.append('}'));
    }

    /** The value at quantile {@code q} (0..1) of {@code samples}, NaN if there are none. */
    static double percentile(long[] samples, double q) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String plain(Object v) {
        return v instanceof BigDecimal b ? b.toPlainString() : String.valueOf(v);
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
