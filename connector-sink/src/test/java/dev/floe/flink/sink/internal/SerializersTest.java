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
package dev.floe.flink.sink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.manifest.ObjectDescriptor;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The versioned serializers of committables and writer state, including bytes of older versions.
 */
class SerializersTest {

    private static final FloeCommittable COMMITTABLE =
            new FloeCommittable(
                    "orders",
                    3,
                    7,
                    100,
                    List.of(
                            new ObjectDescriptor(
                                    ObjectDescriptor.Kind.SEGMENT,
                                    "orders/00003/segments/x.seg",
                                    100,
                                    250,
                                    4096,
                                    1_700_000_000_000L,
                                    1_700_000_001_000L,
                                    7)),
                    "job-3-7-100");

    private static final FloeWriterState STATE = new FloeWriterState("orders", 3, 250, 7);

    /** Written by version 1; must stay readable. */
    private static final String COMMITTABLE_V1 =
            "00066f72646572730000000300000000000000070000000000000064000b6a6f622d332d372d3130"
                    + "300000000100001b6f72646572732f30303030332f7365676d656e74732f782e73656700"
                    + "0000000000006400000000000000fa00000000000010000000018bcfe568000000018bcfe5"
                    + "6be80000000000000007";

    private static final String STATE_V1 =
            "00066f72646572730000000300000000000000fa0000000000000007";

    private final FloeCommittableSerializer committables = new FloeCommittableSerializer();
    private final FloeWriterStateSerializer states = new FloeWriterStateSerializer();

    @Test
    void readsWhatVersionOneWrote() throws IOException {
        assertThat(committables.deserialize(1, hex(COMMITTABLE_V1))).isEqualTo(COMMITTABLE);
        assertThat(states.deserialize(1, hex(STATE_V1))).isEqualTo(STATE);
    }

    @Test
    void rangesFromBeforeSchemaVersionsReadAsVersionOne() throws IOException {
        // Version 2 added the section offset (0 here) after each object.
        String v2 = COMMITTABLE_V1 + "0000000000000000";
        FloeCommittable read = committables.deserialize(2, hex(v2));
        assertThat(read).isEqualTo(COMMITTABLE);
        assertThat(read.objects().get(0).schemaVersion()).isEqualTo(1);
    }

    @Test
    void theCurrentVersionKeepsEachRangesSchemaVersion() throws IOException {
        FloeCommittable evolved =
                new FloeCommittable(
                        "orders",
                        3,
                        7,
                        100,
                        List.of(COMMITTABLE.objects().get(0).withSchemaVersion(4)),
                        "job-3-7-100");
        byte[] bytes = committables.serialize(evolved);
        assertThat(HexFormat.of().formatHex(bytes))
                .isEqualTo(COMMITTABLE_V1 + "0000000000000000" + "00000004");
        assertThat(committables.deserialize(3, bytes)).isEqualTo(evolved);
    }

    @Test
    void roundTripsTheCurrentVersion() throws IOException {
        assertThat(
                        committables.deserialize(
                                committables.getVersion(), committables.serialize(COMMITTABLE)))
                .isEqualTo(COMMITTABLE);
        assertThat(states.deserialize(states.getVersion(), states.serialize(STATE)))
                .isEqualTo(STATE);
    }

    @Test
    void refusesUnknownVersionsAndTrailingBytes() {
        assertThatThrownBy(() -> committables.deserialize(9, hex(COMMITTABLE_V1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 9");
        byte[] longer = Arrays.copyOf(hex(STATE_V1), hex(STATE_V1).length + 2);
        assertThatThrownBy(() -> states.deserialize(1, longer))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("2 unexpected bytes");
        byte[] badKind = hex(COMMITTABLE_V1);
        badKind[45] = 9;
        assertThatThrownBy(() -> committables.deserialize(1, badKind))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unknown object kind 9");
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
