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
package dev.floe.flink.connection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a shell-style file of {@code KEY=VALUE} lines, as {@code scripts/local-stack.sh} writes its
 * endpoints: blank lines and {@code #} comments are skipped, an {@code export } prefix and one pair
 * of surrounding quotes are removed. Stateless.
 */
final class EndpointsFile {

    private EndpointsFile() {}

    /**
     * The variables of {@code file}.
     *
     * @throws IllegalArgumentException if the file is missing, unreadable or has a line that is not
     *     {@code KEY=VALUE}
     */
    static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "endpoints file "
                            + file
                            + " does not exist: start the local stack, fix "
                            + ConnectionResolver.ENDPOINTS_FILE_VARIABLE
                            + " or "
                            + ConnectionArguments.ENDPOINTS_FILE
                            + ", or pass "
                            + ConnectionArguments.NO_ENDPOINTS_FILE);
        }
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read endpoints file " + file + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> parse(List<String> lines, String name) {
        Map<String, String> vars = new LinkedHashMap<>();
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        name + " line " + number + ": expected KEY=VALUE, found '" + raw + "'");
            }
            vars.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
        }
        return vars;
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }
}
