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
package dev.floe.flink.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.flink.source.split.FloeSplit;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The versioned enumerator state serializer, including bytes written by version 1. */
class FloeEnumeratorStateSerializerTest {

    private static final List<FloeSplit> SPLITS =
            List.of(
                    new FloeSplit("orders", 3, 100, 250, 1_700_000_000_000L),
                    new FloeSplit("orders", 0, 0, FloeSplit.UNBOUNDED, FloeSplit.NO_TIMESTAMP));

    private static final FloeEnumeratorState STATE = new FloeEnumeratorState(true, 4, SPLITS);

    /** Written by version 1 (with splits of split serializer version 1); must stay readable. */
    private static final String STATE_V1 =
            "01000000010000000201"
                    + "00066f726465727300000003000000000000006400000000000000fa0000018bcfe56800"
                    + "0100066f72646572730000000000000000000000007fffffffffffffff8000000000000000";

    private static final String INITIAL_V1 = "000000000100000000";

    /** Written by version 2; must stay readable. */
    private static final String STATE_V2 =
            "0100000004000000010000000201"
                    + "00066f726465727300000003000000000000006400000000000000fa0000018bcfe56800"
                    + "0100066f72646572730000000000000000000000007fffffffffffffff8000000000000000";

    private final FloeEnumeratorStateSerializer serializer = new FloeEnumeratorStateSerializer();

    @Test
    void readsWhatVersionOneWroteWithoutAPartitionCount() throws IOException {
        assertThat(serializer.deserialize(1, hex(STATE_V1)))
                .isEqualTo(
                        new FloeEnumeratorState(
                                true, FloeEnumeratorState.UNKNOWN_PARTITIONS, SPLITS));
        assertThat(serializer.deserialize(1, hex(INITIAL_V1)))
                .isEqualTo(
                        new FloeEnumeratorState(
                                false, FloeEnumeratorState.UNKNOWN_PARTITIONS, List.of()));
    }

    @Test
    void versionTwoIsCurrentAndWritesTheSameBytes() throws IOException {
        assertThat(serializer.getVersion()).isEqualTo(FloeEnumeratorStateSerializer.VERSION_2);
        assertThat(HexFormat.of().formatHex(serializer.serialize(STATE))).isEqualTo(STATE_V2);
        assertThat(serializer.deserialize(2, hex(STATE_V2))).isEqualTo(STATE);
    }

    @Test
    void roundTripsTheCurrentVersion() throws IOException {
        for (FloeEnumeratorState state : List.of(STATE, FloeEnumeratorState.initial())) {
            assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(state)))
                    .isEqualTo(state);
        }
    }

    @Test
    void refusesUnknownVersionsAndTrailingBytes() {
        assertThatThrownBy(() -> serializer.deserialize(3, hex(STATE_V2)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("serializer version 3");
        byte[] longer = Arrays.copyOf(hex(STATE_V1), hex(STATE_V1).length + 3);
        assertThatThrownBy(() -> serializer.deserialize(1, longer))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("3 unexpected bytes");
        byte[] unknownSplitVersion = hex(STATE_V1);
        unknownSplitVersion[4] = 7;
        assertThatThrownBy(() -> serializer.deserialize(1, unknownSplitVersion))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("serializer version 7");
        byte[] cut = Arrays.copyOf(hex(STATE_V1), hex(STATE_V1).length - 5);
        assertThatThrownBy(() -> serializer.deserialize(1, cut)).isInstanceOf(IOException.class);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
