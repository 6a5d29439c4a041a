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
package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.record.Header;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code floe dump} shows keys, values and headers. */
class RecordFormatterTest {

    @Test
    void showsPrintableUtf8AsTextAndEverythingElseAsBase64() {
        assertThat(RecordFormatter.bytes("héllo \"x\"\t\\".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("\"héllo \\\"x\\\"\\t\\\\\"");
        assertThat(RecordFormatter.bytes(new byte[] {'a', '\n'})).isEqualTo("base64:YQo=");
        assertThat(RecordFormatter.bytes(new byte[] {(byte) 0xc3})).isEqualTo("base64:ww==");
        assertThat(RecordFormatter.bytes(new byte[0])).isEqualTo("\"\"");
    }

    @Test
    void decodesAvroValuesAndFlagsValuesThatAreNot() {
        RecordFormatter avro = new RecordFormatter(Orders.SCHEMA);
        WalRecord order = Orders.orders(7, 1).get(0);
        assertThat(avro.format(new LoggedRecord(7, order)))
                .isEqualTo(
                        "7  2026-09-21T14:13:20.007Z  key=\"order-7\"  value={\"order_id\": 7,"
                                + " \"customer\": \"c-7\", \"amount\": 7.5, \"currency\": \"USD\","
                                + " \"event_time\": 1790000000007}");
        String bad = avro.format(new LoggedRecord(8, WalRecord.of(0, null, new byte[] {1})));
        assertThat(bad).contains("value=base64:AQ== (not a value of the stream's Avro schema");

        RecordFormatter bytes = new RecordFormatter(null);
        WalRecord withHeaders =
                new WalRecord(
                        0,
                        null,
                        new byte[0],
                        List.of(Header.of("trace", "t-1"), new Header("bin", new byte[] {0})));
        assertThat(bytes.format(new LoggedRecord(0, withHeaders)))
                .isEqualTo(
                        "0  1970-01-01T00:00:00Z  key=null  value=\"\"  headers={trace=\"t-1\", bin=base64:AA==}");
    }
}
