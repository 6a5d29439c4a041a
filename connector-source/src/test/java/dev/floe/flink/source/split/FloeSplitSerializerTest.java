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
package dev.floe.flink.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The versioned split serializer, including bytes written by version 1. */
class FloeSplitSerializerTest {

    /** A bounded split started by timestamp. */
    static final FloeSplit BOUNDED = new FloeSplit("orders", 3, 100, 250, 1_700_000_000_000L);

    /** An unbounded split without a timestamp skip. */
    static final FloeSplit UNBOUNDED =
            new FloeSplit("orders", 0, 0, FloeSplit.UNBOUNDED, FloeSplit.NO_TIMESTAMP);

    /** Written by version 1; must stay readable. */
    static final String BOUNDED_V1 =
            "0100066f726465727300000003000000000000006400000000000000fa0000018bcfe56800";

    static final String UNBOUNDED_V1 =
            "0100066f72646572730000000000000000000000007fffffffffffffff8000000000000000";

    private final FloeSplitSerializer serializer = FloeSplitSerializer.INSTANCE;

    @Test
    void readsWhatVersionOneWrote() throws IOException {
        assertThat(serializer.deserialize(1, hex(BOUNDED_V1))).isEqualTo(BOUNDED);
        assertThat(serializer.deserialize(1, hex(UNBOUNDED_V1))).isEqualTo(UNBOUNDED);
    }

    @Test
    void versionOneIsCurrentAndWritesTheSameBytes() throws IOException {
        assertThat(serializer.getVersion()).isEqualTo(FloeSplitSerializer.VERSION_1);
        assertThat(HexFormat.of().formatHex(serializer.serialize(BOUNDED))).isEqualTo(BOUNDED_V1);
    }

    @Test
    void roundTripsTheCurrentVersion() throws IOException {
        for (FloeSplit split : new FloeSplit[] {BOUNDED, UNBOUNDED}) {
            assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(split)))
                    .isEqualTo(split);
        }
    }

    @Test
    void refusesUnknownVersionsKindsAndTrailingBytes() {
        assertThatThrownBy(() -> serializer.deserialize(2, hex(BOUNDED_V1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("serializer version 2");
        assertThatThrownBy(() -> serializer.deserialize(0, hex(BOUNDED_V1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("serializer version 0");
        byte[] longer = Arrays.copyOf(hex(BOUNDED_V1), hex(BOUNDED_V1).length + 2);
        assertThatThrownBy(() -> serializer.deserialize(1, longer))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("2 unexpected bytes");
        byte[] badKind = hex(BOUNDED_V1);
        badKind[0] = 9;
        assertThatThrownBy(() -> serializer.deserialize(1, badKind))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unknown kind of split 9");
        byte[] cut = Arrays.copyOf(hex(BOUNDED_V1), 20);
        assertThatThrownBy(() -> serializer.deserialize(1, cut)).isInstanceOf(IOException.class);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
