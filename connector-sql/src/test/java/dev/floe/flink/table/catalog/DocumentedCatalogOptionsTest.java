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
package dev.floe.flink.table.catalog;

import dev.floe.flink.sink.testing.DocumentedOptions;
import dev.floe.flink.table.FloeTableOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every catalog option (its own and the connection options it shares with tables) is in
 * docs/sql.md.
 */
class DocumentedCatalogOptionsTest {

    @Test
    void everyOptionKeyIsInTheSqlDocument() throws Exception {
        DocumentedOptions.assertDocumented(
                Path.of("..", "docs", "sql.md"), FloeCatalogOptions.class, FloeTableOptions.class);
    }
}
