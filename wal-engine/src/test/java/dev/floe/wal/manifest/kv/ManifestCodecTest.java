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
package dev.floe.wal.manifest.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.WriterInfo;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Manifest values written before schema versions existed still decode, as version 1. */
class ManifestCodecTest {

    private final ManifestCodec codec = new ManifestCodec("test store");

    private static KvEntry entry(String json) {
        return new KvEntry("k", json.getBytes(StandardCharsets.UTF_8), 1, 1, 1, 0);
    }

    @Test
    void aDescriptorWithoutASchemaVersionIsVersionOne() {
        ObjectDescriptor old =
                codec.decode(
                        entry(
                                "{\"kind\":\"SEGMENT\",\"key\":\"s/0/x.seg\",\"startOffset\":0,"
                                        + "\"endOffset\":10,\"sizeBytes\":100,\"minTimestamp\":1,"
                                        + "\"maxTimestamp\":2,\"epoch\":3,\"sectionOffset\":0}"),
                        ObjectDescriptor.class);

        assertThat(old.schemaVersion()).isEqualTo(1);
        ObjectDescriptor evolved = old.withSchemaVersion(2);
        assertThat(new String(codec.encode(evolved), StandardCharsets.UTF_8))
                .contains("\"schemaVersion\":2");
        assertThat(
                        codec.decode(
                                new KvEntry("k", codec.encode(evolved), 1, 1, 1, 0),
                                ObjectDescriptor.class))
                .isEqualTo(evolved);
    }

    @Test
    void aWriterRegistrationWithoutASchemaVersionIsVersionOne() {
        WriterInfo old =
                codec.decode(
                        entry("{\"owner\":\"job\",\"epoch\":4,\"tailEndpoint\":\"h:1\"}"),
                        WriterInfo.class);

        assertThat(old).isEqualTo(new WriterInfo("job", 4, "h:1", null, null, 1));
    }
}
