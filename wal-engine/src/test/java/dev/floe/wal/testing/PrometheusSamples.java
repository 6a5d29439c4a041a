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
package dev.floe.wal.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The samples of one scrape of a Prometheus text endpoint (such as etcd's or S3Proxy's {@code
 * /metrics}): each sample's metric name, labels and value, for benchmarks that count a server's
 * requests. Immutable.
 */
public final class PrometheusSamples {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One sample line: {@code name{label="value",...} value}. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;

    private PrometheusSamples(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /** Fetches {@code endpoint} and parses its samples. */
    public static PrometheusSamples scrape(URI endpoint) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while scraping " + endpoint, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(
                    "scraping " + endpoint + " answered HTTP " + response.statusCode());
        }
        return parse(response.body());
    }

    /** Parses the Prometheus text format; comment lines and blank lines are skipped. */
    public static PrometheusSamples parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                samples.add(parseLine(trimmed));
            } catch (StringIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("unterminated Prometheus sample: " + trimmed, e);
            }
        }
        return new PrometheusSamples(samples);
    }

    public List<Sample> samples() {
        return samples;
    }

    /**
     * The values of metric {@code name} among samples with every label of {@code filter}, summed
     * per value of label {@code by} (samples without it are left out), ordered by that value.
     */
    public Map<String, Double> sumBy(String name, String by, Map<String, String> filter) {
        Map<String, Double> sums = new TreeMap<>();
        for (Sample s : samples) {
            String key = s.labels().get(by);
            if (key != null && s.name().equals(name) && matches(s, filter)) {
                sums.merge(key, s.value(), Double::sum);
            }
        }
        return sums;
    }

    private static boolean matches(Sample sample, Map<String, String> filter) {
        for (Map.Entry<String, String> e : filter.entrySet()) {
            if (!e.getValue().equals(sample.labels().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static Sample parseLine(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || (space >= 0 && space < brace)) {
            if (space < 0) {
                throw new IllegalArgumentException("no value in Prometheus sample: " + line);
            }
            return new Sample(line.substring(0, space), Map.of(), value(line, space + 1));
        }
        Map<String, String> labels = new HashMap<>();
        int i = brace + 1;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            if (eq < 0 || line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("bad label in Prometheus sample: " + line);
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\') {
                    char escaped = line.charAt(++j);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(line.substring(i, eq).strip(), value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return new Sample(line.substring(0, brace), labels, value(line, i + 1));
    }

    /** The value after {@code from}, ignoring an optional timestamp after it. */
    private static double value(String line, int from) {
        String text = line.substring(from).strip().split(" ")[0];
        try {
            return switch (text) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(text);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad value in Prometheus sample: " + line, e);
        }
    }
}
