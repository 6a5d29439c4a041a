package dev.floe.examples;

import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;

/** Reads {@code 500ms}, {@code 10s}, {@code 1min} as a duration on the command line. Stateless. */
public final class DurationConverter implements CommandLine.ITypeConverter<java.time.Duration> {
    @Override
    public java.time.Duration convert(String value) {
        try {
            return TimeUtils.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration such as 500ms, 10s or 1min");
        }
    }
}
