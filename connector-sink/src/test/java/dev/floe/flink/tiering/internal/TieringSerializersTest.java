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
package dev.floe.flink.tiering.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tiering job's split and enumerator-state serializers, and the bytes of version 1. */
class TieringSerializersTest {

    private final TieringEnumeratorStateSerializer states = new TieringEnumeratorStateSerializer();

    @Test
    void aSplitSurvivesARoundTripAndReadsFromVersion1Bytes() throws IOException {
        TieringSplit split = new TieringSplit("orders", 7);
        byte[] bytes = TieringSplitSerializer.INSTANCE.serialize(split);

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("00066f726465727300000007");
        assertThat(TieringSplitSerializer.INSTANCE.deserialize(1, bytes)).isEqualTo(split);
        assertThat(split.splitId()).isEqualTo("orders/7");
    }

    @Test
    void enumeratorStateSurvivesARoundTripAndReadsFromVersion1Bytes() throws IOException {
        TieringEnumeratorState state =
                new TieringEnumeratorState(
                        true,
                        List.of(new TieringSplit("a", 0), new TieringSplit("a", 1)),
                        List.of(new TieringSplit("a", 1)));
        byte[] bytes = states.serialize(state);

        assertThat(HexFormat.of().formatHex(bytes))
                .isEqualTo(
                        "01"
                                + "00000001"
                                + "00000002"
                                + "00016100000000"
                                + "00016100000001"
                                + "00000001"
                                + "00016100000001");
        assertThat(states.deserialize(1, bytes)).isEqualTo(state);
    }

    @Test
    void unknownVersionsAndTrailingBytesAreRefused() throws IOException {
        byte[] split = TieringSplitSerializer.INSTANCE.serialize(new TieringSplit("a", 0));
        byte[] state = states.serialize(TieringEnumeratorState.initial());

        assertThatThrownBy(() -> TieringSplitSerializer.INSTANCE.deserialize(2, split))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> states.deserialize(2, state))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
        byte[] longer = java.util.Arrays.copyOf(split, split.length + 1);
        assertThatThrownBy(() -> TieringSplitSerializer.INSTANCE.deserialize(1, longer))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("1 unexpected bytes");
    }
}
