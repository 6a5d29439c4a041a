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

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.source.FloeSourceOptions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.expressions.CallExpression;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.functions.BuiltInFunctionDefinition;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.types.DataType;
import org.junit.jupiter.api.Test;

/** Which filters a scan takes, and the partitions and ranges they leave to read. */
class ScanFiltersTest {

    private static final Map<String, ReadableMetadata> COLUMNS =
            Map.of(
                    "part", ReadableMetadata.PARTITION,
                    "off", ReadableMetadata.OFFSET,
                    "ts", ReadableMetadata.TIMESTAMP);

    @Test
    void takesComparisonsOfMetadataColumnsWithLiterals() {
        ResolvedExpression partition = call(BuiltInFunctionDefinitions.EQUALS, field("part"), i(1));
        ResolvedExpression from = call(BuiltInFunctionDefinitions.GREATER_THAN, field("off"), l(9));
        ResolvedExpression until =
                call(BuiltInFunctionDefinitions.GREATER_THAN, l(20), field("off"));
        ResolvedExpression other = call(BuiltInFunctionDefinitions.EQUALS, field("id"), l(3));

        ScanFilters.Applied applied = apply(partition, from, until, other);

        assertThat(applied.accepted()).containsExactly(partition, from, until);
        assertThat(applied.remaining()).containsExactly(other);
        Configuration source = options(applied);
        assertThat(source.get(FloeSourceOptions.PARTITIONS)).containsExactly(1);
        assertThat(source.get(FloeSourceOptions.PARTITIONS_IGNORE_MISSING)).isTrue();
        assertThat(source.get(FloeSourceOptions.FROM_OFFSET)).isEqualTo(10L);
        assertThat(source.get(FloeSourceOptions.UNTIL_OFFSET)).isEqualTo(20L);
        assertThat(applied.filters()).hasToString("partitions=[1], offsets=[10, 20)");
    }

    @Test
    void intersectsPartitionSetsFromEqualitiesAlternativesAndUpperBounds() {
        ResolvedExpression anyOf =
                call(
                        BuiltInFunctionDefinitions.OR,
                        call(BuiltInFunctionDefinitions.EQUALS, field("part"), i(0)),
                        call(
                                BuiltInFunctionDefinitions.OR,
                                call(BuiltInFunctionDefinitions.EQUALS, field("part"), i(2)),
                                call(BuiltInFunctionDefinitions.EQUALS, field("part"), i(5))));
        ResolvedExpression below =
                call(BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL, field("part"), i(2));

        ScanFilters.Applied applied = apply(anyOf, below);

        assertThat(applied.remaining()).isEmpty();
        assertThat(options(applied).get(FloeSourceOptions.PARTITIONS)).containsExactly(0, 2);
    }

    @Test
    void leavesFiltersItCannotApplyExactlyToFlink() {
        ResolvedExpression above =
                call(BuiltInFunctionDefinitions.GREATER_THAN, field("part"), i(1));
        ResolvedExpression mixed =
                call(
                        BuiltInFunctionDefinitions.OR,
                        call(BuiltInFunctionDefinitions.EQUALS, field("part"), i(0)),
                        call(BuiltInFunctionDefinitions.EQUALS, field("off"), l(3)));
        ResolvedExpression notEqual =
                call(BuiltInFunctionDefinitions.NOT_EQUALS, field("off"), l(3));
        ResolvedExpression twoFields =
                call(BuiltInFunctionDefinitions.EQUALS, field("off"), field("part"));

        ScanFilters.Applied applied = apply(above, mixed, notEqual, twoFields);

        assertThat(applied.accepted()).isEmpty();
        assertThat(applied.remaining()).containsExactly(above, mixed, notEqual, twoFields);
        assertThat(applied.filters().none()).isTrue();
    }

    @Test
    void turnsTimestampBoundsIntoARangeOfEpochMilliseconds() {
        ResolvedExpression from =
                call(
                        BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL,
                        field("ts"),
                        instant(Instant.ofEpochMilli(1000)));
        ResolvedExpression until =
                call(
                        BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL,
                        field("ts"),
                        instant(Instant.ofEpochMilli(2000)));
        ResolvedExpression betweenMillis =
                call(
                        BuiltInFunctionDefinitions.LESS_THAN,
                        field("ts"),
                        instant(Instant.ofEpochSecond(3, 500)));

        ScanFilters.Applied applied = apply(from, until, betweenMillis);

        assertThat(applied.remaining()).containsExactly(betweenMillis);
        Configuration source = options(applied);
        assertThat(source.get(FloeSourceOptions.FROM_TIMESTAMP)).isEqualTo(1000L);
        assertThat(source.get(FloeSourceOptions.UNTIL_TIMESTAMP)).isEqualTo(2001L);
    }

    @Test
    void contradictoryFiltersLeaveNothingToRead() {
        ScanFilters.Applied applied =
                apply(
                        call(BuiltInFunctionDefinitions.EQUALS, field("part"), i(0)),
                        call(BuiltInFunctionDefinitions.EQUALS, field("part"), i(1)),
                        call(BuiltInFunctionDefinitions.LESS_THAN, field("off"), l(-4)));
        Configuration source = options(applied);
        assertThat(source.getOptional(FloeSourceOptions.PARTITIONS)).isEmpty();
        assertThat(source.get(FloeSourceOptions.UNTIL_OFFSET)).isZero();
    }

    private static ScanFilters.Applied apply(ResolvedExpression... filters) {
        return ScanFilters.NONE.apply(
                List.of(filters), name -> Optional.ofNullable(COLUMNS.get(name)));
    }

    private static Configuration options(ScanFilters.Applied applied) {
        Configuration source = new Configuration();
        applied.filters().writeTo(source);
        return source;
    }

    private static CallExpression call(
            BuiltInFunctionDefinition function, ResolvedExpression... args) {
        return CallExpression.permanent(function, List.of(args), DataTypes.BOOLEAN());
    }

    private static FieldReferenceExpression field(String name) {
        DataType type =
                switch (name) {
                    case "part" -> DataTypes.INT();
                    case "ts" -> DataTypes.TIMESTAMP_LTZ(3);
                    default -> DataTypes.BIGINT();
                };
        return new FieldReferenceExpression(name, type, 0, 0);
    }

    private static ValueLiteralExpression i(int value) {
        return new ValueLiteralExpression(value);
    }

    private static ValueLiteralExpression l(long value) {
        return new ValueLiteralExpression(value);
    }

    private static ValueLiteralExpression instant(Instant value) {
        return new ValueLiteralExpression(value, DataTypes.TIMESTAMP_LTZ(3).notNull());
    }
}
