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

import dev.floe.flink.source.FloeSourceOptions;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.expressions.CallExpression;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * What a scan's filters on the {@code partition}, {@code offset} and {@code timestamp} metadata
 * columns leave to read: the partitions, an offset range and a timestamp range, which FloeSource
 * applies exactly (partitions not read, start and stop offsets, objects before the timestamp range
 * skipped, records outside it dropped). Comparisons of such a column with a literal, and {@code
 * OR}s of equalities on {@code partition}, are taken; every other filter remains for Flink to
 * apply. Immutable.
 */
final class ScanFilters {

    /** The filters taken and those left, for {@code SupportsFilterPushDown.Result}. */
    record Applied(
            ScanFilters filters,
            List<ResolvedExpression> accepted,
            List<ResolvedExpression> remaining) {}

    static final ScanFilters NONE =
            new ScanFilters(null, 0, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);

    private final Set<Integer> partitions;
    private final long fromOffset;
    private final long untilOffset;
    private final long fromTimestamp;
    private final long untilTimestamp;

    private ScanFilters(
            Set<Integer> partitions,
            long fromOffset,
            long untilOffset,
            long fromTimestamp,
            long untilTimestamp) {
        this.partitions = partitions == null ? null : Set.copyOf(new TreeSet<>(partitions));
        this.fromOffset = fromOffset;
        this.untilOffset = untilOffset;
        this.fromTimestamp = fromTimestamp;
        this.untilTimestamp = untilTimestamp;
    }

    /**
     * These filters narrowed by those of {@code filters} they can take.
     *
     * @param metadataOf the metadata column a field of the scan is, if any
     */
    Applied apply(
            List<ResolvedExpression> filters,
            Function<String, Optional<ReadableMetadata>> metadataOf) {
        Builder b = new Builder(this);
        List<ResolvedExpression> accepted = new ArrayList<>();
        List<ResolvedExpression> remaining = new ArrayList<>();
        for (ResolvedExpression filter : filters) {
            if (b.take(filter, metadataOf)) {
                accepted.add(filter);
            } else {
                remaining.add(filter);
            }
        }
        return new Applied(b.build(), accepted, remaining);
    }

    boolean none() {
        return partitions == null
                && fromOffset == 0
                && untilOffset == Long.MAX_VALUE
                && fromTimestamp == Long.MIN_VALUE
                && untilTimestamp == Long.MAX_VALUE;
    }

    /** Sets the FloeSource options that apply these filters. */
    void writeTo(Configuration source) {
        if (partitions != null && partitions.isEmpty()) {
            // No partition passes: read none of them, up to offset 0.
            source.set(FloeSourceOptions.UNTIL_OFFSET, 0L);
            return;
        }
        if (partitions != null) {
            source.set(FloeSourceOptions.PARTITIONS, List.copyOf(new TreeSet<>(partitions)));
            source.set(FloeSourceOptions.PARTITIONS_IGNORE_MISSING, true);
        }
        if (fromOffset > 0) {
            source.set(FloeSourceOptions.FROM_OFFSET, fromOffset);
        }
        if (untilOffset != Long.MAX_VALUE) {
            source.set(FloeSourceOptions.UNTIL_OFFSET, untilOffset);
        }
        if (fromTimestamp != Long.MIN_VALUE) {
            source.set(FloeSourceOptions.FROM_TIMESTAMP, fromTimestamp);
        }
        if (untilTimestamp != Long.MAX_VALUE) {
            source.set(FloeSourceOptions.UNTIL_TIMESTAMP, untilTimestamp);
        }
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (partitions != null) {
            parts.add("partitions=" + new TreeSet<>(partitions));
        }
        if (fromOffset > 0 || untilOffset != Long.MAX_VALUE) {
            parts.add("offsets=[" + fromOffset + ", " + bound(untilOffset) + ")");
        }
        if (fromTimestamp != Long.MIN_VALUE || untilTimestamp != Long.MAX_VALUE) {
            parts.add(
                    "timestamps=["
                            + (fromTimestamp == Long.MIN_VALUE
                                    ? "-inf"
                                    : Instant.ofEpochMilli(fromTimestamp).toString())
                            + ", "
                            + (untilTimestamp == Long.MAX_VALUE
                                    ? "inf"
                                    : Instant.ofEpochMilli(untilTimestamp).toString())
                            + ")");
        }
        return String.join(", ", parts);
    }

    private static String bound(long until) {
        return until == Long.MAX_VALUE ? "inf" : String.valueOf(until);
    }

    /** Narrows the filters one taken expression at a time. */
    private static final class Builder {
        private Set<Integer> partitions;
        private long fromOffset;
        private long untilOffset;
        private long fromTimestamp;
        private long untilTimestamp;

        Builder(ScanFilters from) {
            partitions = from.partitions == null ? null : new TreeSet<>(from.partitions);
            fromOffset = from.fromOffset;
            untilOffset = from.untilOffset;
            fromTimestamp = from.fromTimestamp;
            untilTimestamp = from.untilTimestamp;
        }

        ScanFilters build() {
            return new ScanFilters(
                    partitions, fromOffset, untilOffset, fromTimestamp, untilTimestamp);
        }

        /** Takes {@code filter} if it is one this class applies; false leaves it to Flink. */
        boolean take(
                ResolvedExpression filter,
                Function<String, Optional<ReadableMetadata>> metadataOf) {
            if (!(filter instanceof CallExpression call)) {
                return false;
            }
            if (call.getFunctionDefinition() == BuiltInFunctionDefinitions.AND) {
                // Each part narrows the read on its own; the whole is taken if every part is.
                boolean all = true;
                for (ResolvedExpression part : call.getResolvedChildren()) {
                    all &= take(part, metadataOf);
                }
                return all;
            }
            if (call.getFunctionDefinition() == BuiltInFunctionDefinitions.OR) {
                return takePartitionAlternatives(call, metadataOf);
            }
            Optional<Comparison> c = Comparison.of(call, metadataOf);
            if (c.isEmpty()) {
                return false;
            }
            Comparison cmp = c.get();
            return switch (cmp.column()) {
                case PARTITION -> takePartition(cmp);
                case OFFSET -> takeOffset(cmp);
                case TIMESTAMP -> takeTimestamp(cmp);
                default -> false;
            };
        }

        /** {@code partition = a OR partition = b OR ...}. */
        private boolean takePartitionAlternatives(
                CallExpression or, Function<String, Optional<ReadableMetadata>> metadataOf) {
            Set<Integer> any = new TreeSet<>();
            if (!collectPartitionEqualities(or, metadataOf, any)) {
                return false;
            }
            restrictPartitions(any);
            return true;
        }

        private static boolean collectPartitionEqualities(
                ResolvedExpression e,
                Function<String, Optional<ReadableMetadata>> metadataOf,
                Set<Integer> into) {
            if (!(e instanceof CallExpression call)) {
                return false;
            }
            if (call.getFunctionDefinition() == BuiltInFunctionDefinitions.OR) {
                for (ResolvedExpression child : call.getResolvedChildren()) {
                    if (!collectPartitionEqualities(child, metadataOf, into)) {
                        return false;
                    }
                }
                return true;
            }
            Optional<Comparison> c = Comparison.of(call, metadataOf);
            if (c.isEmpty()
                    || c.get().column() != ReadableMetadata.PARTITION
                    || c.get().op() != BuiltInFunctionDefinitions.EQUALS) {
                return false;
            }
            long p = c.get().value();
            if (p >= 0 && p <= Integer.MAX_VALUE) {
                into.add((int) p);
            }
            return true;
        }

        private boolean takePartition(Comparison c) {
            long v = c.value();
            FunctionDefinition op = c.op();
            Set<Integer> allowed = new TreeSet<>();
            if (op == BuiltInFunctionDefinitions.EQUALS) {
                if (v >= 0 && v <= Integer.MAX_VALUE) {
                    allowed.add((int) v);
                }
            } else if (op == BuiltInFunctionDefinitions.LESS_THAN
                    || op == BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL) {
                long last = op == BuiltInFunctionDefinitions.LESS_THAN ? v - 1 : v;
                if (last > Short.MAX_VALUE) {
                    return false;
                }
                for (int p = 0; p <= last; p++) {
                    allowed.add(p);
                }
            } else {
                // partition > n needs the partition count, which only the source knows.
                return false;
            }
            restrictPartitions(allowed);
            return true;
        }

        private void restrictPartitions(Set<Integer> allowed) {
            if (partitions == null) {
                partitions = allowed;
            } else {
                partitions.retainAll(allowed);
            }
        }

        private boolean takeOffset(Comparison c) {
            long v = c.value();
            FunctionDefinition op = c.op();
            if (op == BuiltInFunctionDefinitions.EQUALS) {
                fromOffset = Math.max(fromOffset, v);
                untilOffset = Math.min(untilOffset, saturatedIncrement(v));
            } else if (op == BuiltInFunctionDefinitions.GREATER_THAN) {
                fromOffset = Math.max(fromOffset, saturatedIncrement(v));
            } else if (op == BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL) {
                fromOffset = Math.max(fromOffset, v);
            } else if (op == BuiltInFunctionDefinitions.LESS_THAN) {
                untilOffset = Math.min(untilOffset, Math.max(0, v));
            } else if (op == BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL) {
                untilOffset = Math.min(untilOffset, Math.max(0, saturatedIncrement(v)));
            } else {
                return false;
            }
            return true;
        }

        private boolean takeTimestamp(Comparison c) {
            long v = c.value();
            FunctionDefinition op = c.op();
            if (op == BuiltInFunctionDefinitions.EQUALS) {
                fromTimestamp = Math.max(fromTimestamp, v);
                untilTimestamp = Math.min(untilTimestamp, saturatedIncrement(v));
            } else if (op == BuiltInFunctionDefinitions.GREATER_THAN) {
                fromTimestamp = Math.max(fromTimestamp, saturatedIncrement(v));
            } else if (op == BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL) {
                fromTimestamp = Math.max(fromTimestamp, v);
            } else if (op == BuiltInFunctionDefinitions.LESS_THAN) {
                untilTimestamp = Math.min(untilTimestamp, v);
            } else if (op == BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL) {
                untilTimestamp = Math.min(untilTimestamp, saturatedIncrement(v));
            } else {
                return false;
            }
            return true;
        }

        private static long saturatedIncrement(long v) {
            return v == Long.MAX_VALUE ? v : v + 1;
        }
    }

    /** {@code column op value}, with the column on the left. */
    private record Comparison(ReadableMetadata column, FunctionDefinition op, long value) {

        private static final Map<FunctionDefinition, FunctionDefinition> MIRRORED =
                Map.of(
                        BuiltInFunctionDefinitions.EQUALS, BuiltInFunctionDefinitions.EQUALS,
                        BuiltInFunctionDefinitions.LESS_THAN,
                                BuiltInFunctionDefinitions.GREATER_THAN,
                        BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL,
                                BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL,
                        BuiltInFunctionDefinitions.GREATER_THAN,
                                BuiltInFunctionDefinitions.LESS_THAN,
                        BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL,
                                BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL);

        static Optional<Comparison> of(
                CallExpression call, Function<String, Optional<ReadableMetadata>> metadataOf) {
            FunctionDefinition op = call.getFunctionDefinition();
            List<ResolvedExpression> args = call.getResolvedChildren();
            if (!MIRRORED.containsKey(op) || args.size() != 2) {
                return Optional.empty();
            }
            Optional<FieldReferenceExpression> left = field(args.get(0));
            Optional<FieldReferenceExpression> right = field(args.get(1));
            if (left.isPresent() && args.get(1) instanceof ValueLiteralExpression literal) {
                return of(left.get(), op, literal, metadataOf);
            }
            if (right.isPresent() && args.get(0) instanceof ValueLiteralExpression literal) {
                return of(right.get(), MIRRORED.get(op), literal, metadataOf);
            }
            return Optional.empty();
        }

        /** A field, also under a cast that changes only its nullability. */
        private static Optional<FieldReferenceExpression> field(ResolvedExpression e) {
            if (e instanceof FieldReferenceExpression field) {
                return Optional.of(field);
            }
            if (e instanceof CallExpression cast
                    && cast.getFunctionDefinition() == BuiltInFunctionDefinitions.CAST
                    && cast.getResolvedChildren().get(0) instanceof FieldReferenceExpression field
                    && cast.getOutputDataType()
                            .getLogicalType()
                            .copy(true)
                            .equals(field.getOutputDataType().getLogicalType().copy(true))) {
                return Optional.of(field);
            }
            return Optional.empty();
        }

        private static Optional<Comparison> of(
                FieldReferenceExpression field,
                FunctionDefinition op,
                ValueLiteralExpression literal,
                Function<String, Optional<ReadableMetadata>> metadataOf) {
            Optional<ReadableMetadata> column = metadataOf.apply(field.getName());
            if (column.isEmpty() || literal.isNull()) {
                return Optional.empty();
            }
            Optional<Long> value =
                    column.get() == ReadableMetadata.TIMESTAMP
                            ? epochMillis(literal)
                            : wholeNumber(literal);
            return value.map(v -> new Comparison(column.get(), op, v));
        }

        private static Optional<Long> wholeNumber(ValueLiteralExpression literal) {
            LogicalTypeRoot root = literal.getOutputDataType().getLogicalType().getTypeRoot();
            return switch (root) {
                case TINYINT -> literal.getValueAs(Byte.class).map(Byte::longValue);
                case SMALLINT -> literal.getValueAs(Short.class).map(Short::longValue);
                case INTEGER -> literal.getValueAs(Integer.class).map(Integer::longValue);
                case BIGINT -> literal.getValueAs(Long.class);
                case DECIMAL ->
                        literal.getValueAs(BigDecimal.class)
                                .filter(d -> d.stripTrailingZeros().scale() <= 0)
                                .filter(
                                        d ->
                                                d.abs()
                                                                .compareTo(
                                                                        BigDecimal.valueOf(
                                                                                Long.MAX_VALUE))
                                                        < 0)
                                .map(BigDecimal::longValueExact);
                default -> Optional.empty();
            };
        }

        /** A TIMESTAMP_LTZ literal's instant; other timestamps depend on the session's zone. */
        private static Optional<Long> epochMillis(ValueLiteralExpression literal) {
            LogicalTypeRoot root = literal.getOutputDataType().getLogicalType().getTypeRoot();
            if (root != LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
                return Optional.empty();
            }
            // A bound between two milliseconds would be rounded: leave it to Flink.
            return literal.getValueAs(Instant.class)
                    .filter(t -> t.getNano() % 1_000_000 == 0)
                    .map(Instant::toEpochMilli);
        }
    }
}
