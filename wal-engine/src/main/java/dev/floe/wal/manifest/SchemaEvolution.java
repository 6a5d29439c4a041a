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
package dev.floe.wal.manifest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a stream's value schema may change: a writer's schema joins the history as a new version
 * when, by Avro's schema resolution rules, it can read the values written with every earlier
 * version (backward compatible: fields added with defaults, fields removed, numbers widened, enum
 * symbols added, ...). Stateless.
 */
public final class SchemaEvolution {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaEvolution.class);

    private SchemaEvolution() {}

    /**
     * The version {@code schema} is written as in {@code stream}: the newest version equal to it,
     * or a new version registered now (compare-and-set; a writer that races another registers after
     * it, or takes its version if the schemas are equal).
     *
     * @param schema the writer's value schema (JSON), or null for bytes values
     * @throws IncompatibleSchemaException if {@code schema} cannot read an earlier version's
     *     values, or the stream's values are bytes and {@code schema} is not (or the other way
     *     round)
     */
    public static SchemaVersion versionFor(
            StreamCatalog catalog, StreamConfig stream, String schema, Clock clock) {
        while (true) {
            SchemaHistory history = catalog.schemaHistory(stream.name());
            Optional<SchemaVersion> same = sameAs(history, schema);
            if (same.isPresent()) {
                return same.get();
            }
            checkCanRead(history, schema);
            SchemaVersion next =
                    new SchemaVersion(history.latest().version() + 1, schema, clock.instant());
            if (catalog.registerSchema(stream.name(), next)) {
                LOG.info(
                        "Stream {}: registered value schema version {} ({})",
                        stream.name(),
                        next.version(),
                        next.fingerprint());
                return next;
            }
        }
    }

    /** The newest version of {@code history} whose schema equals {@code schema}. */
    static Optional<SchemaVersion> sameAs(SchemaHistory history, String schema) {
        List<SchemaVersion> versions = history.versions();
        Schema parsed = schema == null ? null : new Schema.Parser().parse(schema);
        for (int i = versions.size() - 1; i >= 0; i--) {
            SchemaVersion v = versions.get(i);
            if (parsed == null ? !v.typed() : v.typed() && parsed.equals(v.avroSchema())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /**
     * Checks that {@code schema} can read the values of every version of {@code history}.
     *
     * @throws IncompatibleSchemaException naming the first version, field and rule that fail
     */
    public static void checkCanRead(SchemaHistory history, String schema) {
        String stream = history.stream();
        if (schema == null || !history.latest().typed()) {
            throw new IncompatibleSchemaException(
                    "Stream "
                            + stream
                            + (schema == null
                                    ? " stores Avro values but the writer writes plain bytes"
                                    : " stores plain bytes but the writer writes Avro values")
                            + ": use a writer of the stream's kind of values, or another stream");
        }
        Schema reader = new Schema.Parser().parse(schema);
        for (SchemaVersion v : history.versions()) {
            List<Incompatibility> problems =
                    SchemaCompatibility.checkReaderWriterCompatibility(reader, v.avroSchema())
                            .getResult()
                            .getIncompatibilities();
            if (!problems.isEmpty()) {
                throw new IncompatibleSchemaException(
                        "Stream "
                                + stream
                                + ": the new value schema cannot read values written with schema"
                                + " version "
                                + v.version()
                                + ": "
                                + describe(reader, problems.get(0))
                                + ". Allowed changes: add fields with defaults, remove fields,"
                                + " widen numbers (int to long, float or double; long to float"
                                + " or double; float to double), add enum symbols");
            }
        }
    }

    /** Whether {@code reader} can read values written with {@code writer}. */
    public static boolean canRead(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibilityType.COMPATIBLE;
    }

    /** "field x.y: TYPE_MISMATCH (message)". */
    static String describe(Schema reader, Incompatibility problem) {
        String field = fieldAt(reader, problem.getLocation());
        if (problem.getType()
                == SchemaCompatibility.SchemaIncompatibilityType
                        .READER_FIELD_MISSING_DEFAULT_VALUE) {
            String missing = problem.getMessage();
            if (field.isEmpty()) {
                field = missing;
            } else if (!field.equals(missing) && !field.endsWith("." + missing)) {
                field = field + "." + missing;
            }
        }
        return "field "
                + (field.isEmpty() ? "(the value itself)" : field)
                + " breaks rule "
                + problem.getType()
                + " ("
                + problem.getMessage()
                + ", at "
                + problem.getLocation()
                + ")";
    }

    /** The dotted field names along a location such as {@code /fields/1/type/fields/0}. */
    static String fieldAt(Schema reader, String location) {
        List<String> names = new ArrayList<>();
        Schema current = reader;
        String[] steps = location.split("/");
        for (int i = 0; i < steps.length; i++) {
            if (!steps[i].equals("fields") || i + 1 >= steps.length) {
                continue;
            }
            Schema record = recordOf(current);
            int index;
            try {
                index = Integer.parseInt(steps[i + 1]);
            } catch (NumberFormatException e) {
                break;
            }
            if (record == null || index < 0 || index >= record.getFields().size()) {
                break;
            }
            Schema.Field f = record.getFields().get(index);
            names.add(f.name());
            current = f.schema();
            i++;
        }
        return String.join(".", names);
    }

    private static Schema recordOf(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> schema;
            case UNION ->
                    schema.getTypes().stream()
                            .filter(s -> s.getType() == Schema.Type.RECORD)
                            .findFirst()
                            .orElse(null);
            case ARRAY -> recordOf(schema.getElementType());
            case MAP -> recordOf(schema.getValueType());
            default -> null;
        };
    }
}
