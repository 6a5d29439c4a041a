package dev.floe.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.connection.FloeConnectionOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/** Every sink and connection option is listed in docs/configuration.md. */
class DocumentedOptionsTest {

    private static final Path CONFIGURATION_DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void everyOptionKeyIsInTheConfigurationDocument() throws Exception {
        String doc = Files.readString(CONFIGURATION_DOC);
        List<String> keys = new ArrayList<>();
        keys.addAll(optionKeys(FloeSinkOptions.class));
        keys.addAll(optionKeys(FloeConnectionOptions.class));

        assertThat(keys).as("options found by reflection").hasSizeGreaterThan(20);
        assertThat(keys)
                .as("option keys missing from %s", CONFIGURATION_DOC.toAbsolutePath().normalize())
                .allSatisfy(key -> assertThat(doc).contains("`" + key + "`"));
    }

    private static List<String> optionKeys(Class<?> options) throws IllegalAccessException {
        List<String> keys = new ArrayList<>();
        for (Field field : options.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers)
                    && Modifier.isStatic(modifiers)
                    && Modifier.isFinal(modifiers)
                    && ConfigOption.class.isAssignableFrom(field.getType())) {
                keys.add(((ConfigOption<?>) field.get(null)).key());
            }
        }
        return keys;
    }
}
