package dev.floe.wal.tier.parquet;

import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.Type;

/**
 * A converter tree of the shape of a schema that takes nothing: for column readers that are read
 * through their getters, never pushed to converters. Stateless and thread-safe.
 */
final class IgnoringConverter extends GroupConverter {

    private final GroupType group;

    IgnoringConverter(GroupType group) {
        this.group = group;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
        Type field = group.getType(fieldIndex);
        return field.isPrimitive()
                ? new PrimitiveConverter() {}
                : new IgnoringConverter(field.asGroupType());
    }

    @Override
    public void start() {}

    @Override
    public void end() {}
}
