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
package dev.floe.wal.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaEvolutionTest {

    private static final Clock CLOCK = Clock.fixed(ManifestStoreContract.T0, ZoneOffset.UTC);

    private static final String V1 =
            record("{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"amount\",\"type\":\"int\"}");

    @TempDir Path dir;
    private ManifestStore manifest;
    private StreamConfig orders;

    @BeforeEach
    void createStream() {
        manifest = ManifestStores.embedded(dir.resolve("manifest"), "ns", CLOCK);
        orders = manifest.createStream(new StreamConfig("orders", 1, V1, Map.of()));
    }

    @AfterEach
    void close() {
        manifest.close();
    }

    private static String record(String fields) {
        return "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"shop\",\"fields\":["
                + fields
                + "]}";
    }

    private SchemaVersion versionFor(String schema) {
        return SchemaEvolution.versionFor(manifest, orders, schema, CLOCK);
    }

    @Test
    void theCreationSchemaIsVersionOneAndReusedAsItIs() {
        SchemaVersion v = versionFor(V1);

        assertThat(v.version()).isEqualTo(1);
        assertThat(manifest.schemaHistory("orders").versions()).hasSize(1);
    }

    @Test
    void anAddedFieldWithADefaultAndAWidenedNumberBecomeTheNextVersions() {
        String withNote =
                record(
                        "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"amount\",\"type\":\"int\"},"
                                + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],"
                                + "\"default\":null}");
        String widened =
                record(
                        "{\"name\":\"id\",\"type\":\"long\"},"
                                + "{\"name\":\"amount\",\"type\":\"long\"},"
                                + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],"
                                + "\"default\":null}");

        assertThat(versionFor(withNote)).isEqualTo(new SchemaVersion(2, withNote, CLOCK.instant()));
        assertThat(versionFor(widened).version()).isEqualTo(3);
        assertThat(versionFor(withNote).version()).isEqualTo(2);
        assertThat(versionFor(V1).version()).isEqualTo(1);
        assertThat(manifest.schemaHistory("orders").versions())
                .extracting(SchemaVersion::version)
                .containsExactly(1, 2, 3);
    }

    @Test
    void anAddedFieldWithoutADefaultIsRefusedNamingTheFieldAndTheRule() {
        String noDefault =
                record(
                        "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"amount\",\"type\":\"int\"},"
                                + "{\"name\":\"note\",\"type\":\"string\"}");

        assertThatThrownBy(() -> versionFor(noDefault))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("Stream orders")
                .hasMessageContaining("schema version 1")
                .hasMessageContaining("field note")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
                .hasMessageNotContaining("\n");
        assertThat(manifest.schemaHistory("orders").versions()).hasSize(1);
    }

    @Test
    void aNarrowedNumberIsRefusedNamingTheFieldAndTheRule() {
        String narrowed =
                record("{\"name\":\"id\",\"type\":\"int\"},{\"name\":\"amount\",\"type\":\"int\"}");

        assertThatThrownBy(() -> versionFor(narrowed))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("field id")
                .hasMessageContaining("TYPE_MISMATCH");
    }

    @Test
    void aNewSchemaMustReadEveryEarlierVersionNotOnlyTheLatest() {
        String v2 =
                record(
                        "{\"name\":\"id\",\"type\":\"long\"},"
                                + "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}");
        assertThat(versionFor(v2).version()).isEqualTo(2);
        // Reads v2's values, but v1's lack note, for which v3 has no default.
        String v3 =
                record(
                        "{\"name\":\"id\",\"type\":\"long\"},"
                                + "{\"name\":\"note\",\"type\":\"string\"}");

        assertThatThrownBy(() -> versionFor(v3))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("schema version 1")
                .hasMessageContaining("field note");
    }

    @Test
    void bytesAndAvroValuesDoNotMix() {
        assertThatThrownBy(() -> versionFor(null))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("stores Avro values but the writer writes plain bytes");
        StreamConfig raw = manifest.createStream(StreamConfig.of("raw", 1));
        assertThat(SchemaEvolution.versionFor(manifest, raw, null, CLOCK).version()).isEqualTo(1);
        assertThatThrownBy(() -> SchemaEvolution.versionFor(manifest, raw, V1, CLOCK))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("stores plain bytes");
    }

    @Test
    void writersRacingWithTheSameNewSchemaShareOneVersion() throws Exception {
        String withNote =
                record(
                        "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"amount\",\"type\":\"int\"},"
                                + "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}");
        String withTag =
                record(
                        "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"amount\",\"type\":\"int\"},"
                                + "{\"name\":\"tag\",\"type\":\"string\",\"default\":\"\"}");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<SchemaVersion>> writers =
                    List.of(
                            () -> versionFor(withNote),
                            () -> versionFor(withNote),
                            () -> versionFor(withTag),
                            () -> versionFor(withTag));
            List<Integer> versions = new java.util.ArrayList<>();
            for (Future<SchemaVersion> f : pool.invokeAll(writers)) {
                versions.add(f.get().version());
            }
            assertThat(versions.get(0)).isEqualTo(versions.get(1));
            assertThat(versions.get(2)).isEqualTo(versions.get(3));
            assertThat(versions).containsOnly(2, 3);
            assertThat(manifest.schemaHistory("orders").versions()).hasSize(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fieldsAreNamedAlongNestedRecords() {
        String nested =
                record(
                        "{\"name\":\"customer\",\"type\":{\"type\":\"record\",\"name\":\"C\","
                                + "\"fields\":[{\"name\":\"age\",\"type\":\"long\"}]}}");
        assertThat(
                        SchemaEvolution.fieldAt(
                                new org.apache.avro.Schema.Parser().parse(nested),
                                "/fields/0/type/fields/0/type"))
                .isEqualTo("customer.age");
    }
}
