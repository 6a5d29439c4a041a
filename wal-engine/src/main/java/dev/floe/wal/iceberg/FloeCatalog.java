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
package dev.floe.wal.iceberg;

import dev.floe.wal.manifest.ManifestStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.BaseMetastoreCatalog;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;

/**
 * The Iceberg {@link org.apache.iceberg.catalog.Catalog} of one Floe namespace: one namespace,
 * named like Floe's, whose tables are the streams that have an Iceberg table (a table pointer in
 * the manifest). Loading a table reads its pointer and metadata; commits move the pointer by
 * compare-and-set ({@link FloeTableOperations}). Tables are created by tiering and dropped with
 * their stream, so this catalog neither drops nor renames tables nor changes namespaces.
 * Thread-safe.
 */
public final class FloeCatalog extends BaseMetastoreCatalog implements SupportsNamespaces {

    private final String name;
    private final Namespace namespace;
    private final ManifestStore manifest;
    private final ObjectStoreFileIO io;

    /**
     * @param manifest the namespace's manifest, holding each stream's table pointer
     * @param io where the tables' files are (the Parquet store)
     */
    public FloeCatalog(ManifestStore manifest, ObjectStoreFileIO io) {
        this.name = "floe";
        this.namespace = Namespace.of(manifest.namespace());
        this.manifest = manifest;
        this.io = io;
    }

    @Override
    public String name() {
        return name;
    }

    /** The one namespace of this catalog, named like the Floe namespace. */
    public Namespace namespace() {
        return namespace;
    }

    /** The identifier of {@code stream}'s table. */
    public TableIdentifier identifier(String stream) {
        return TableIdentifier.of(namespace, stream);
    }

    /**
     * Where the table of {@code stream} is: its metadata under {@code <stream>/iceberg/metadata}.
     */
    public String tableLocation(String stream) {
        return io.location(stream + "/iceberg");
    }

    @Override
    protected boolean isValidIdentifier(TableIdentifier identifier) {
        return identifier.namespace().equals(namespace);
    }

    @Override
    protected TableOperations newTableOps(TableIdentifier identifier) {
        return new FloeTableOperations(
                manifest, io, identifier.name(), fullTableName(name, identifier));
    }

    @Override
    protected String defaultWarehouseLocation(TableIdentifier identifier) {
        return tableLocation(identifier.name());
    }

    @Override
    public List<TableIdentifier> listTables(Namespace ns) {
        checkNamespace(ns);
        return manifest.streams().stream()
                .filter(s -> manifest.tablePointer(s).isPresent())
                .map(this::identifier)
                .toList();
    }

    @Override
    public boolean dropTable(TableIdentifier identifier, boolean purge) {
        throw new UnsupportedOperationException(
                "The table "
                        + identifier
                        + " is dropped with its stream (floe streams delete), not through Iceberg");
    }

    @Override
    public void renameTable(TableIdentifier from, TableIdentifier to) {
        throw new UnsupportedOperationException(
                "The table " + from + " is named after its stream and cannot be renamed");
    }

    @Override
    public void createNamespace(Namespace ns, Map<String, String> metadata) {
        throw new UnsupportedOperationException(
                "A Floe catalog has one namespace, " + namespace + "; it cannot create " + ns);
    }

    @Override
    public List<Namespace> listNamespaces(Namespace parent) {
        if (parent.isEmpty()) {
            return List.of(namespace);
        }
        checkNamespace(parent);
        return List.of();
    }

    @Override
    public Map<String, String> loadNamespaceMetadata(Namespace ns) {
        checkNamespace(ns);
        return Map.of();
    }

    @Override
    public boolean dropNamespace(Namespace ns) {
        throw new UnsupportedOperationException(
                "The namespace " + ns + " is Floe's; it cannot be dropped through Iceberg");
    }

    @Override
    public boolean setProperties(Namespace ns, Map<String, String> properties) {
        throw new UnsupportedOperationException(
                "The namespace " + ns + " has no properties to set");
    }

    @Override
    public boolean removeProperties(Namespace ns, Set<String> properties) {
        throw new UnsupportedOperationException(
                "The namespace " + ns + " has no properties to remove");
    }

    private void checkNamespace(Namespace ns) {
        if (!ns.equals(namespace)) {
            throw new NoSuchNamespaceException(
                    "Namespace %s does not exist; this catalog has only %s", ns, namespace);
        }
    }
}
