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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HiddenPartitionsTest {

    private static String location(Set<Integer> partitions) {
        return "s3://b/floe/s/iceberg/data/7d1c-hides-"
                + HiddenPartitions.encode(partitions)
                + ".parquet";
    }

    @Test
    void evenlySpacedPartitionsMakeAShortName() {
        Set<Integer> everySecond =
                IntStream.rangeClosed(0, 63).map(i -> 124 + 2 * i).boxed().collect(toSet());

        assertThat(HiddenPartitions.encode(everySecond)).isEqualTo("124-250x2");
        assertThat(HiddenPartitions.encode(Set.of(3, 4, 5, 6))).isEqualTo("3-6");
        assertThat(HiddenPartitions.encode(Set.of(9, 2))).isEqualTo("2_9");
        assertThat(HiddenPartitions.encode(Set.of(1, 2, 3, 10, 20, 30, 31)))
                .isEqualTo("1-3_10-30x10_31");
        assertThat(HiddenPartitions.of(location(everySecond))).isEqualTo(everySecond);
    }

    @Test
    void namesOfEveryShapeReadBackAsTheirPartitions() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            Set<Integer> partitions = new TreeSet<>();
            int count = 1 + random.nextInt(80);
            int spread = 1 + random.nextInt(2048);
            while (partitions.size() < Math.min(count, spread)) {
                partitions.add(random.nextInt(spread));
            }

            assertThat(HiddenPartitions.of(location(partitions))).isEqualTo(partitions);
        }
    }

    @Test
    void namesWrittenAsAListOfPartitionsStillRead() {
        assertThat(HiddenPartitions.of("s3://b/x/iceberg/data/u-hides-1_5_12.parquet"))
                .containsExactly(1, 5, 12);
        assertThat(HiddenPartitions.of("s3://b/x/iceberg/data/u.parquet")).isEmpty();
    }

    @Test
    void noPartitionsIsAnError() {
        assertThatThrownBy(() -> HiddenPartitions.encode(Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static java.util.stream.Collector<Integer, ?, Set<Integer>> toSet() {
        return Collectors.toCollection(TreeSet::new);
    }
}
