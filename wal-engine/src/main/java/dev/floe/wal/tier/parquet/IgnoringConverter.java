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
