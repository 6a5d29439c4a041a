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
package dev.floe.flink.sink.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * Checks that options classes are documented in docs/configuration.md or another document.
 * Stateless.
 */
public final class DocumentedOptions {

    /** The document, seen from a module directory (Maven's working directory for tests). */
    public static final Path CONFIGURATION_DOC = Path.of("..", "docs", "configuration.md");

    private DocumentedOptions() {}

    /** Asserts that every public {@link ConfigOption} constant of the classes is in the doc. */
    public static void assertDocumented(Class<?>... optionClasses) throws IOException {
        assertDocumented(CONFIGURATION_DOC, optionClasses);
    }

    /**
     * Asserts that every public {@link ConfigOption} constant of the classes is in {@code
     * document}, a path from the module directory such as {@code ../docs/sql.md}.
     */
    public static void assertDocumented(Path document, Class<?>... optionClasses)
            throws IOException {
        String doc = Files.readString(document);
        List<String> keys = new ArrayList<>();
        for (Class<?> options : optionClasses) {
            keys.addAll(optionKeys(options));
        }
        assertThat(keys).as("options found by reflection").hasSizeGreaterThan(optionClasses.length);
        assertThat(keys)
                .as("option keys missing from %s", document.toAbsolutePath().normalize())
                .allSatisfy(key -> assertThat(doc).contains("`" + key + "`"));
    }

    private static List<String> optionKeys(Class<?> options) {
        List<String> keys = new ArrayList<>();
        for (Field field : options.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers)
                    && Modifier.isStatic(modifiers)
                    && Modifier.isFinal(modifiers)
                    && ConfigOption.class.isAssignableFrom(field.getType())) {
                try {
                    keys.add(((ConfigOption<?>) field.get(null)).key());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return keys;
    }
}
