package dev.floe.cli;

import java.time.Duration;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a command-line duration as Flink options do: {@code 500ms}, {@code 15s}, {@code 1min},
 * {@code 2h}. Stateless and thread-safe.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return TimeUtils.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a duration; use e.g. 500ms, 15s, 1min or 2h");
        }
    }
}
