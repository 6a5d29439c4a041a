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
package dev.floe.flink.table.catalog;

import dev.floe.wal.manifest.StreamConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.TableChange;
import org.apache.flink.table.catalog.exceptions.CatalogException;

/**
 * What an {@code ALTER TABLE} in the catalog may change: the number of partitions, upwards, with
 * {@code SET ('partitions' = 'N')}. Setting another option to the value it has changes nothing;
 * every other change is refused with a message saying why. Stateless.
 */
@Internal
final class StreamAlterations {

    private StreamAlterations() {}

    /**
     * The partitions the stream has after {@code changes}: its own count unless they set more.
     *
     * @param options the table's options before the changes
     * @throws CatalogException naming the table and the change it refuses
     */
    static int partitionsAfter(
            ObjectPath path,
            StreamConfig stream,
            Map<String, String> options,
            List<TableChange> changes) {
        int partitions = stream.partitions();
        for (TableChange change : changes) {
            if (change instanceof TableChange.SetOption set) {
                if (set.getKey().equals(StreamTables.PARTITIONS)) {
                    try {
                        partitions = StreamDefinitions.partitions(set.getValue());
                    } catch (IllegalArgumentException e) {
                        throw refused(path, e.getMessage());
                    }
                } else if (!set.getValue().equals(options.get(set.getKey()))) {
                    throw refused(
                            path,
                            "option '"
                                    + set.getKey()
                                    + "' comes from the stream and the catalog's options; only '"
                                    + StreamTables.PARTITIONS
                                    + "' can be set. Give scan and sink options per query with /*+"
                                    + " OPTIONS(...) */");
                }
            } else if (change instanceof TableChange.ResetOption reset) {
                throw refused(
                        path,
                        "option '"
                                + reset.getKey()
                                + "' comes from the stream and the catalog's options and cannot be"
                                + " reset");
            } else {
                throw refused(path, why(path, change));
            }
        }
        if (partitions < stream.partitions()) {
            throw refused(
                    path,
                    "stream "
                            + stream.name()
                            + " has "
                            + stream.partitions()
                            + " partitions; a stream's partitions are never removed, so it cannot"
                            + " have "
                            + partitions);
        }
        return partitions;
    }

    /** The option changes from {@code before} to {@code after}, for an alteration without them. */
    static List<TableChange> optionChanges(Map<String, String> before, Map<String, String> after) {
        List<TableChange> changes = new ArrayList<>();
        after.forEach(
                (key, value) -> {
                    if (!Objects.equals(before.get(key), value)) {
                        changes.add(TableChange.set(key, value));
                    }
                });
        before.keySet().stream()
                .filter(key -> !after.containsKey(key))
                .forEach(key -> changes.add(TableChange.reset(key)));
        return changes;
    }

    private static String why(ObjectPath path, TableChange change) {
        if (change instanceof TableChange.AddColumn
                || change instanceof TableChange.DropColumn
                || change instanceof TableChange.ModifyColumn) {
            return "its columns are the fields of the stream's Avro value schema and the metadata"
                    + " columns, which the catalog does not change";
        }
        if (change instanceof TableChange.AddWatermark
                || change instanceof TableChange.ModifyWatermark
                || change instanceof TableChange.DropWatermark) {
            return "watermarks are not stored; "
                    + StreamDefinitions.temporaryTableHint(path, "WATERMARK FOR column AS ...");
        }
        if (change instanceof TableChange.AddUniqueConstraint
                || change instanceof TableChange.ModifyUniqueConstraint
                || change instanceof TableChange.DropConstraint) {
            return "a stream is an append-only log: it has no primary key";
        }
        return change.getClass().getSimpleName()
                + " is not supported; only SET ('"
                + StreamTables.PARTITIONS
                + "' = 'N') is";
    }

    private static CatalogException refused(ObjectPath path, String why) {
        return new CatalogException("cannot alter table " + path + ": " + why);
    }
}
