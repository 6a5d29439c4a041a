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
package dev.floe.wal.iceberg;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The partitions a position delete file hides, as its name carries them: {@code
 * <uuid>-hides-<partitions>.parquet}, the partitions as runs joined by {@code _}: {@code 7} one
 * partition, {@code 3-9} every partition from 3 to 9, {@code 4-64x4} every fourth from 4 to 64. A
 * writer's partitions are evenly spaced, so even 64 of them make a short name. Stateless.
 */
final class HiddenPartitions {

    private static final Pattern NAME = Pattern.compile("-hides-([0-9_x-]+)\\.parquet$");
    private static final Pattern RUN = Pattern.compile("(\\d+)(?:-(\\d+)(?:x(\\d+))?)?");

    /** Runs shorter than this are written partition by partition. */
    private static final int MIN_RUN = 3;

    private HiddenPartitions() {}

    /** The name part for {@code partitions}, not empty. */
    static String encode(Set<Integer> partitions) {
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("a delete file hides at least one partition");
        }
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(partitions));
        StringJoiner name = new StringJoiner("_");
        int i = 0;
        while (i < sorted.size()) {
            int end = i;
            if (i + 1 < sorted.size()) {
                int step = sorted.get(i + 1) - sorted.get(i);
                while (end + 1 < sorted.size() && sorted.get(end + 1) - sorted.get(end) == step) {
                    end++;
                }
                if (end - i + 1 >= MIN_RUN) {
                    name.add(sorted.get(i) + "-" + sorted.get(end) + (step == 1 ? "" : "x" + step));
                    i = end + 1;
                    continue;
                }
            }
            name.add(Integer.toString(sorted.get(i)));
            i++;
        }
        return name.toString();
    }

    /**
     * The partitions the delete file at {@code location} hides, by its name; none for a name that
     * does not carry them.
     */
    static Set<Integer> of(String location) {
        Set<Integer> hidden = new TreeSet<>();
        Matcher m = NAME.matcher(location);
        if (!m.find()) {
            return hidden;
        }
        for (String run : m.group(1).split("_")) {
            Matcher r = RUN.matcher(run);
            if (!r.matches()) {
                continue;
            }
            int first = Integer.parseInt(r.group(1));
            int last = r.group(2) == null ? first : Integer.parseInt(r.group(2));
            int step = r.group(3) == null ? 1 : Integer.parseInt(r.group(3));
            for (int p = first; p <= last && step > 0; p += step) {
                hidden.add(p);
            }
        }
        return hidden;
    }
}
