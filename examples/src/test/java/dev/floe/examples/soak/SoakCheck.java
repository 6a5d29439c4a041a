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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the soak run found in the streams: the ingest job's input stream against its generator's
 * splits, and the catch-up job's copy against the input.
 *
 * @param recordsChecked records read back from both streams
 * @param lost order ids missing from a split below its highest committed id, plus input orders
 *     missing from the copy
 * @param duplicated records beyond the first of an order id, in either stream
 * @param mismatched copy records whose value differs from the input's, or whose id the input lacks
 * @param problems one line for each kind of finding, for the summary
 */
record SoakCheck(
        long recordsChecked, long lost, long duplicated, long mismatched, List<String> problems) {

    /** Checks {@code input} against the generator's {@code splits} and {@code copy} against it. */
    static SoakCheck of(StreamContents input, StreamContents copy, List<long[]> splits) {
        List<String> problems = new ArrayList<>();
        long lost = 0;
        for (int i = 0; i < splits.size(); i++) {
            long from = splits.get(i)[0];
            long to = splits.get(i)[1];
            long distinct = 0;
            long highest = -1;
            for (long id : input.counts().keySet()) {
                if (id >= from && id <= to) {
                    distinct++;
                    highest = Math.max(highest, id);
                }
            }
            if (distinct == 0) {
                problems.add("split " + i + " (from " + from + ") committed no order");
                continue;
            }
            long missing = highest - from + 1 - distinct;
            if (missing > 0) {
                long first = from;
                while (input.counts().containsKey(first)) {
                    first++;
                }
                problems.add(
                        String.format(
                                "split %d: %d orders missing below its highest id %d, the first %d",
                                i, missing, highest, first));
                lost += missing;
            }
        }
        long missingFromCopy = 0;
        long mismatched = 0;
        for (Map.Entry<Long, Integer> order : input.counts().entrySet()) {
            Long copied = copy.valueHash(order.getKey());
            if (copied == null) {
                missingFromCopy++;
            } else if (!copied.equals(input.valueHash(order.getKey()))) {
                mismatched++;
            }
        }
        long unknown =
                copy.counts().keySet().stream()
                        .filter(id -> !input.counts().containsKey(id))
                        .count();
        mismatched += unknown;
        if (missingFromCopy > 0) {
            problems.add(missingFromCopy + " input orders missing from the copy");
        }
        if (mismatched > 0) {
            problems.add(
                    mismatched
                            + " copy records differ from the input ("
                            + unknown
                            + " with ids the input lacks)");
        }
        if (input.duplicates() > 0) {
            problems.add(input.duplicates() + " duplicate records in the input stream");
        }
        if (copy.duplicates() > 0) {
            problems.add(copy.duplicates() + " duplicate records in the copy");
        }
        return new SoakCheck(
                input.records() + copy.records(),
                lost + missingFromCopy,
                input.duplicates() + copy.duplicates(),
                mismatched,
                List.copyOf(problems));
    }
}
