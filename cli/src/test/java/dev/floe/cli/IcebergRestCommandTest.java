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

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code floe iceberg-rest} refuses, in one line, a port it cannot listen on. */
class IcebergRestCommandTest {

    @TempDir Path tmp;

    @Test
    void aPortOutOfRangeIsOneLineNamingTheFlag() {
        CliRun run =
                CliRun.run(
                        Map.of(),
                        List.of("--local-path=" + tmp),
                        "iceberg-rest",
                        "--port",
                        "70000");

        assertThat(run.exit()).isEqualTo(FloeCli.EXIT_ERROR);
        assertThat(run.err().lines())
                .containsExactly("floe: --port must be between 0 and 65535, got 70000");
    }
}
