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
package dev.floe.wal.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WalRecordTest {

    @Test
    void headerKeysMustBeUniqueSoEveryEngineCanReadThemAsAMap() {
        assertThatThrownBy(
                        () ->
                                new WalRecord(
                                        1,
                                        null,
                                        new byte[0],
                                        List.of(
                                                Header.of("trace", "a"),
                                                Header.of("span", "b"),
                                                Header.of("trace", "c"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'trace' twice");
    }

    @Test
    void aValueIsRequiredAndHeadersDefaultToNone() {
        assertThatThrownBy(() -> WalRecord.of(1, null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("value must not be null");
        assertThat(new WalRecord(1, null, new byte[0], null).headers()).isEmpty();
    }
}
