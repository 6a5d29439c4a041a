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
package dev.floe.cli.iceberg;

import java.util.Arrays;
import java.util.List;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalogProperties;
import org.apache.iceberg.rest.RESTUtil;

/**
 * What a request path of the Iceberg REST catalog names: the config, the namespaces, one namespace,
 * its tables or one table. Paths start {@code /v1/}, optionally followed by the catalog's prefix; a
 * namespace of several levels is one path segment with its levels separated by {@code %1F}.
 * Immutable.
 */
record RestPath(Kind kind, Namespace namespace, String table) {

    /** The resources the read-only catalog serves. */
    enum Kind {
        CONFIG,
        NAMESPACES,
        NAMESPACE,
        TABLES,
        TABLE
    }

    private static final String VERSION = "/v1/";
    private static final String NAMESPACES = "namespaces";
    private static final String TABLES = "tables";

    TableIdentifier tableIdentifier() {
        return TableIdentifier.of(namespace, table);
    }

    /**
     * Parses {@code rawPath}, still percent-encoded, served under {@code prefix}.
     *
     * @throws RestFailure 400 when the path names nothing this catalog serves
     */
    static RestPath parse(String rawPath, String prefix) {
        String path = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        if (!path.startsWith(VERSION)) {
            throw badPath(rawPath, prefix);
        }
        List<String> segments = Arrays.asList(path.substring(VERSION.length()).split("/", -1));
        if (segments.equals(List.of("config"))) {
            return new RestPath(Kind.CONFIG, null, null);
        }
        if (segments.size() >= 2
                && !segments.get(0).equals(NAMESPACES)
                && segments.get(0).equals(prefix)
                && segments.get(1).equals(NAMESPACES)) {
            segments = segments.subList(1, segments.size());
        }
        if (!segments.get(0).equals(NAMESPACES) || segments.contains("")) {
            throw badPath(rawPath, prefix);
        }
        List<String> rest = segments.subList(1, segments.size());
        if (rest.isEmpty()) {
            return new RestPath(Kind.NAMESPACES, null, null);
        }
        Namespace namespace = namespace(rest.get(0), rawPath, prefix);
        if (rest.size() == 1) {
            return new RestPath(Kind.NAMESPACE, namespace, null);
        }
        if (!rest.get(1).equals(TABLES) || rest.size() > 3) {
            throw badPath(rawPath, prefix);
        }
        if (rest.size() == 2) {
            return new RestPath(Kind.TABLES, namespace, null);
        }
        return new RestPath(Kind.TABLE, namespace, RESTUtil.decodeString(rest.get(2)));
    }

    /** The namespace a {@code parent} query parameter names, already percent-decoded. */
    static Namespace parentNamespace(String parent) {
        return RESTUtil.namespaceFromQueryParam(
                parent, RESTCatalogProperties.NAMESPACE_SEPARATOR_DEFAULT);
    }

    private static Namespace namespace(String segment, String rawPath, String prefix) {
        Namespace namespace =
                RESTUtil.decodeNamespace(
                        segment, RESTCatalogProperties.NAMESPACE_SEPARATOR_DEFAULT);
        if (Arrays.stream(namespace.levels()).anyMatch(String::isEmpty)) {
            throw badPath(rawPath, prefix);
        }
        return namespace;
    }

    private static RestFailure badPath(String rawPath, String prefix) {
        return RestFailure.badRequest(
                "no such path in this read-only Iceberg REST catalog: "
                        + rawPath
                        + "; it serves /v1/config and, under /v1/ or /v1/"
                        + prefix
                        + "/, namespaces, namespaces/{namespace}, namespaces/{namespace}/tables"
                        + " and namespaces/{namespace}/tables/{table}");
    }
}
