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

import dev.floe.flink.connection.FloeAdmins;
import dev.floe.wal.admin.DeletionReport;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.StreamBusyException;
import dev.floe.wal.admin.StreamExistsException;
import dev.floe.wal.admin.StreamNotFoundException;
import dev.floe.wal.error.FloeErrors;
import dev.floe.wal.manifest.ManifestKeys;
import dev.floe.wal.manifest.StreamConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.CatalogDatabase;
import org.apache.flink.table.catalog.CatalogDatabaseImpl;
import org.apache.flink.table.catalog.CatalogTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.TableChange;
import org.apache.flink.table.catalog.exceptions.CatalogException;
import org.apache.flink.table.catalog.exceptions.DatabaseAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.DatabaseNotExistException;
import org.apache.flink.table.catalog.exceptions.TableAlreadyExistException;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Floe catalog: the streams of one Floe namespace as the tables of one database of that name,
 * read and changed through {@link FloeAdmin}. A table's columns are the fields of its stream's Avro
 * value schema (or {@code value BYTES}) and the metadata columns {@code offset}, {@code timestamp},
 * {@code partition} and {@code headers}; its options make the {@code floe} table factory read and
 * write the stream. {@code CREATE TABLE} creates a stream, {@code DROP TABLE} deletes one unless a
 * writer holds a partition, and {@code ALTER TABLE ... SET ('partitions' = 'N')} grows one.
 *
 * <p>Created by {@link FloeCatalogFactory} ({@code CREATE CATALOG c WITH ('type' = 'floe', ...)}).
 * Thread-safe between {@link #open()} and {@link #close()}.
 */
@PublicEvolving
public final class FloeCatalog extends TablesOnlyCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(FloeCatalog.class);

    private final CatalogConnection connection;
    private volatile FloeAdmin admin;

    FloeCatalog(String name, CatalogConnection connection) {
        super(name, connection.namespace());
        this.connection = connection;
    }

    @Override
    public void open() {
        try {
            admin = FloeAdmins.open(connection.floeOptions());
        } catch (IOException | RuntimeException e) {
            throw new CatalogException(
                    "cannot open Floe catalog " + getName() + ": " + FloeErrors.firstLine(e), e);
        }
    }

    @Override
    public void close() {
        FloeAdmin open = admin;
        admin = null;
        if (open != null) {
            open.close();
        }
    }

    // Databases: the one namespace

    @Override
    public List<String> listDatabases() {
        return List.of(getDefaultDatabase());
    }

    @Override
    public CatalogDatabase getDatabase(String database) throws DatabaseNotExistException {
        checkDatabase(database);
        return new CatalogDatabaseImpl(
                Map.of(), "Floe namespace " + database + " in " + admin().describe().summary());
    }

    @Override
    public boolean databaseExists(String database) {
        return getDefaultDatabase().equals(database);
    }

    @Override
    public void createDatabase(String name, CatalogDatabase database, boolean ignoreIfExists)
            throws DatabaseAlreadyExistException {
        if (databaseExists(name)) {
            if (ignoreIfExists) {
                return;
            }
            throw new DatabaseAlreadyExistException(getName(), name);
        }
        throw new CatalogException(
                "cannot create database "
                        + name
                        + ": catalog "
                        + getName()
                        + " shows one Floe namespace, "
                        + getDefaultDatabase()
                        + "; to reach namespace "
                        + name
                        + ", create a catalog with '"
                        + FloeCatalogOptions.DEFAULT_DATABASE.key()
                        + "' = '"
                        + name
                        + "'");
    }

    @Override
    public void dropDatabase(String name, boolean ignoreIfNotExists, boolean cascade)
            throws DatabaseNotExistException {
        if (!existing(name, ignoreIfNotExists)) {
            return;
        }
        throw new CatalogException(
                "cannot drop database "
                        + name
                        + ": it is the Floe namespace of catalog "
                        + getName()
                        + "; drop its tables one by one");
    }

    @Override
    public void alterDatabase(String name, CatalogDatabase database, boolean ignoreIfNotExists)
            throws DatabaseNotExistException {
        if (!existing(name, ignoreIfNotExists)) {
            return;
        }
        throw new CatalogException(
                "cannot alter database " + name + ": a Floe namespace has no properties");
    }

    /**
     * Whether {@code name} is this catalog's database; false when it is not and the caller ignores
     * that.
     *
     * @throws DatabaseNotExistException when it is not and the caller does not ignore that
     */
    private boolean existing(String name, boolean ignoreIfNotExists)
            throws DatabaseNotExistException {
        if (databaseExists(name)) {
            return true;
        }
        if (ignoreIfNotExists) {
            return false;
        }
        throw new DatabaseNotExistException(getName(), name);
    }

    // Tables: the streams

    @Override
    public List<String> listTables(String database) throws DatabaseNotExistException {
        checkDatabase(database);
        return onStores("list the streams", () -> admin().streamNames());
    }

    @Override
    public CatalogBaseTable getTable(ObjectPath path) throws TableNotExistException {
        StreamConfig stream =
                findStream(path).orElseThrow(() -> new TableNotExistException(getName(), path));
        return toTable(stream);
    }

    /** The table of {@code stream}, with the latest version of its value schema. */
    private CatalogTable toTable(StreamConfig stream) {
        String latest =
                onStores(
                        "read the schema history of stream " + stream.name(),
                        () -> admin().schemaHistory(stream.name()).latest().schema());
        return StreamTables.toTable(stream, latest, connection.tableOptions());
    }

    @Override
    public boolean tableExists(ObjectPath path) {
        return findStream(path).isPresent();
    }

    @Override
    public void createTable(ObjectPath path, CatalogBaseTable table, boolean ignoreIfExists)
            throws TableAlreadyExistException, DatabaseNotExistException {
        checkDatabase(path.getDatabaseName());
        StreamConfig definition = StreamDefinitions.toStream(path, table);
        try {
            onStores("create stream " + definition.name(), () -> admin().createStream(definition));
        } catch (StreamExistsException e) {
            if (!ignoreIfExists) {
                throw new TableAlreadyExistException(getName(), path, e);
            }
            return;
        }
        LOG.info(
                "Catalog {} created stream {} with {} partitions for table {}",
                getName(),
                definition.name(),
                definition.partitions(),
                path);
    }

    @Override
    public void dropTable(ObjectPath path, boolean ignoreIfNotExists)
            throws TableNotExistException {
        if (existing(path, ignoreIfNotExists).isEmpty()) {
            return;
        }
        String stream = path.getObjectName();
        DeletionReport deleted;
        try {
            deleted = admin().deleteStream(stream, false);
        } catch (StreamBusyException e) {
            throw new CatalogException(
                    "cannot drop table "
                            + path
                            + " while stream "
                            + stream
                            + " is being written ("
                            + e.writers()
                            + "); stop the jobs that write it, then drop it again",
                    e);
        } catch (StreamNotFoundException e) {
            if (ignoreIfNotExists) {
                return;
            }
            throw new TableNotExistException(getName(), path, e);
        } catch (IOException | RuntimeException e) {
            throw failed("delete stream " + stream, e);
        }
        LOG.info(
                "Catalog {} dropped table {}: deleted stream {}, {} objects ({} bytes)",
                getName(),
                path,
                stream,
                deleted.objects(),
                deleted.bytes());
    }

    @Override
    public void renameTable(ObjectPath path, String newName, boolean ignoreIfNotExists)
            throws TableNotExistException {
        if (existing(path, ignoreIfNotExists).isEmpty()) {
            return;
        }
        throw new CatalogException(
                "cannot rename table " + path + ": Floe streams cannot be renamed");
    }

    @Override
    public void alterTable(ObjectPath path, CatalogBaseTable newTable, boolean ignoreIfNotExists)
            throws TableNotExistException {
        Optional<StreamConfig> stream = existing(path, ignoreIfNotExists);
        if (stream.isEmpty()) {
            return;
        }
        CatalogBaseTable current = toTable(stream.get());
        if (!current.getUnresolvedSchema()
                .toString()
                .equals(newTable.getUnresolvedSchema().toString())) {
            throw new CatalogException(
                    "cannot alter table "
                            + path
                            + ": its columns are the fields of the stream's Avro value schema and"
                            + " the metadata columns, which the catalog does not change");
        }
        alter(
                path,
                stream.get(),
                StreamAlterations.optionChanges(current.getOptions(), newTable.getOptions()));
    }

    @Override
    public void alterTable(
            ObjectPath path,
            CatalogBaseTable newTable,
            List<TableChange> changes,
            boolean ignoreIfNotExists)
            throws TableNotExistException {
        Optional<StreamConfig> stream = existing(path, ignoreIfNotExists);
        if (stream.isEmpty()) {
            return;
        }
        alter(path, stream.get(), changes);
    }

    private void alter(ObjectPath path, StreamConfig stream, List<TableChange> changes) {
        Map<String, String> options = toTable(stream).getOptions();
        int partitions = StreamAlterations.partitionsAfter(path, stream, options, changes);
        if (partitions == stream.partitions()) {
            return;
        }
        onStores(
                "grow stream " + stream.name(),
                () -> admin().growStream(stream.name(), partitions));
        LOG.info(
                "Catalog {} grew stream {} from {} to {} partitions",
                getName(),
                stream.name(),
                stream.partitions(),
                partitions);
    }

    /**
     * The stream of the table; empty if there is none and {@code ignoreIfNotExists}.
     *
     * @throws TableNotExistException if there is none and not {@code ignoreIfNotExists}
     */
    private Optional<StreamConfig> existing(ObjectPath path, boolean ignoreIfNotExists)
            throws TableNotExistException {
        Optional<StreamConfig> stream = findStream(path);
        if (stream.isEmpty() && !ignoreIfNotExists) {
            throw new TableNotExistException(getName(), path);
        }
        return stream;
    }

    /** The stream of the table, or empty when the path names no stream of the namespace. */
    private Optional<StreamConfig> findStream(ObjectPath path) {
        if (!databaseExists(path.getDatabaseName()) || !isStreamName(path.getObjectName())) {
            return Optional.empty();
        }
        return onStores(
                "read stream " + path.getObjectName(),
                () -> admin().findStream(path.getObjectName()));
    }

    private static boolean isStreamName(String name) {
        try {
            ManifestKeys.checkStreamName(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private FloeAdmin admin() {
        FloeAdmin open = admin;
        if (open == null) {
            throw new CatalogException("Floe catalog " + getName() + " is not open");
        }
        return open;
    }

    /** Runs a call on the stores; a failure becomes a {@link CatalogException} naming them. */
    private <T> T onStores(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (StreamExistsException | CatalogException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(what, e);
        }
    }

    private CatalogException failed(String what, Exception e) {
        FloeAdmin open = admin;
        String where = open == null ? "" : " in " + open.describe().summary();
        return new CatalogException(
                "Floe catalog "
                        + getName()
                        + " could not "
                        + what
                        + where
                        + ": "
                        + FloeErrors.firstLine(e),
                e);
    }
}
