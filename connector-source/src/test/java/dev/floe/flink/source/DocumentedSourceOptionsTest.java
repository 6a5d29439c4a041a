package dev.floe.flink.source;

import dev.floe.flink.sink.testing.DocumentedOptions;
import org.junit.jupiter.api.Test;

/** Every source option is listed in docs/configuration.md. */
class DocumentedSourceOptionsTest {

    @Test
    void everyOptionKeyIsInTheConfigurationDocument() throws Exception {
        DocumentedOptions.assertDocumented(FloeSourceOptions.class);
    }
}
