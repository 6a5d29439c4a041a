package dev.floe.wal.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WalRecordTest {

    @Test
    void headerKeysMustBeUniqueSoEveryEngineCanReadThemAsAMap() {
        assertThatThrownBy(
                        () ->
                                new WalRecord(
                                        1,
                                        null,
                                        new byte[0],
                                        List.of(
                                                Header.of("trace", "a"),
                                                Header.of("span", "b"),
                                                Header.of("trace", "c"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'trace' twice");
    }

    @Test
    void aValueIsRequiredAndHeadersDefaultToNone() {
        assertThatThrownBy(() -> WalRecord.of(1, null, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("value must not be null");
        assertThat(new WalRecord(1, null, new byte[0], null).headers()).isEmpty();
    }
}
