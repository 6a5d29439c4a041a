package dev.floe.flink.sink;

import dev.floe.flink.connection.FloeConnectionOptions;
import dev.floe.flink.sink.testing.DocumentedOptions;
import org.junit.jupiter.api.Test;

/** Every sink and connection option is listed in docs/configuration.md. */
class DocumentedOptionsTest {

    @Test
    void everyOptionKeyIsInTheConfigurationDocument() throws Exception {
        DocumentedOptions.assertDocumented(FloeSinkOptions.class, FloeConnectionOptions.class);
    }
}
