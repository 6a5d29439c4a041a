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
package dev.floe.flink.table.internal;

import dev.floe.flink.table.FloeTableOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.table.api.ValidationException;

/**
 * Checks of one table's options, failing with messages that name the table, the option, its value
 * and what it accepts. Stateless apart from the table's name and options.
 */
final class TableOptionChecks {

    /** A choice option and the values it accepts. */
    private record Choice(ConfigOption<?> option, List<String> values) {}

    private static final List<Choice> CHOICES =
            List.of(
                    choice(
                            FloeTableOptions.SCAN_STARTUP_MODE,
                            FloeTableOptions.StartupMode.values()),
                    choice(
                            FloeTableOptions.SCAN_BOUNDED_MODE,
                            FloeTableOptions.BoundedMode.values()),
                    choice(FloeTableOptions.SCAN_ISOLATION, FloeTableOptions.Isolation.values()),
                    choice(
                            FloeTableOptions.SINK_PARTITIONER,
                            FloeTableOptions.SinkPartitioner.values()),
                    choice(
                            FloeTableOptions.VALUE_FIELDS_INCLUDE,
                            FloeTableOptions.ValueFieldsInclude.values()),
                    choice(
                            FloeTableOptions.SINK_DELIVERY_GUARANTEE,
                            new Object[] {
                                DeliveryGuarantee.EXACTLY_ONCE, DeliveryGuarantee.AT_LEAST_ONCE
                            }));

    private final String table;
    private final Map<String, String> options;

    TableOptionChecks(String table, Map<String, String> options) {
        this.table = table;
        this.options = options;
    }

    String table() {
        return table;
    }

    /** Checks that every choice option set takes one of its values. */
    void checkChoices() {
        for (Choice choice : CHOICES) {
            String value = options.get(choice.option().key());
            if (value != null
                    && choice.values().stream().noneMatch(v -> v.equalsIgnoreCase(value.trim()))) {
                throw invalid(
                        choice.option(),
                        value,
                        "it takes one of "
                                + choice.values().stream()
                                        .map(v -> "'" + v + "'")
                                        .collect(Collectors.joining(", ")));
            }
        }
    }

    /** The error of an option whose value is wrong, saying {@code why}. */
    ValidationException invalid(ConfigOption<?> option, String value, String why) {
        return new ValidationException(
                "Table "
                        + table
                        + ": option '"
                        + option.key()
                        + "' = '"
                        + value
                        + "' is invalid: "
                        + why);
    }

    /** The error of an option that is wrong in itself, saying {@code why}. */
    ValidationException invalid(String why) {
        return new ValidationException("Table " + table + ": " + why);
    }

    /** The value of {@code option}, which {@code mode} of {@code modeOption} needs. */
    <T> T required(
            ReadableConfig config,
            ConfigOption<T> option,
            ConfigOption<?> modeOption,
            Object mode) {
        return config.getOptional(option)
                .orElseThrow(
                        () ->
                                invalid(
                                        modeOption.key()
                                                + " = '"
                                                + mode
                                                + "' needs option '"
                                                + option.key()
                                                + "'"));
    }

    /**
     * The offsets of {@code option}, which {@code mode} of {@code modeOption} needs, given as
     * {@code partition:0,offset:42;partition:1,offset:300}, as partition to offset.
     */
    Map<String, String> offsets(
            ReadableConfig config,
            ConfigOption<String> option,
            ConfigOption<?> modeOption,
            Object mode) {
        String value = required(config, option, modeOption, mode);
        Map<String, String> offsets = new TreeMap<>();
        for (String entry : value.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split(",");
            if (parts.length != 2
                    || !parts[0].trim().startsWith("partition:")
                    || !parts[1].trim().startsWith("offset:")) {
                throw invalid(option, value, offsetsFormat());
            }
            try {
                int partition = Integer.parseInt(parts[0].trim().substring(10).trim());
                long offset = Long.parseLong(parts[1].trim().substring(7).trim());
                if (partition < 0 || offset < 0) {
                    throw new NumberFormatException();
                }
                if (offsets.put(String.valueOf(partition), String.valueOf(offset)) != null) {
                    throw invalid(option, value, "partition " + partition + " is given twice");
                }
            } catch (NumberFormatException e) {
                throw invalid(option, value, offsetsFormat());
            }
        }
        if (offsets.isEmpty()) {
            throw invalid(option, value, offsetsFormat());
        }
        return offsets;
    }

    private static String offsetsFormat() {
        return "it takes 'partition:<n>,offset:<n>' pairs of numbers of 0 or more separated by"
                + " ';', such as 'partition:0,offset:42;partition:1,offset:300'";
    }

    private static Choice choice(ConfigOption<?> option, Object[] values) {
        return new Choice(option, Arrays.stream(values).map(String::valueOf).toList());
    }
}
