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

import java.util.regex.Pattern;

/**
 * The key layout of the manifest, shared by every implementation. Offsets are zero-padded to 20
 * digits so keys sort by offset and range queries select offset ranges:
 *
 * <pre>
 * /floe/&lt;ns&gt;/streams/&lt;stream&gt;/config                              stream definition
 * /floe/&lt;ns&gt;/streams/&lt;stream&gt;/schemas/&lt;version:010&gt;              value schema version 2, 3, ...
 * /floe/&lt;ns&gt;/streams/&lt;stream&gt;/p/&lt;partition&gt;/head                  committed end, epoch, commit id
 * /floe/&lt;ns&gt;/streams/&lt;stream&gt;/p/&lt;partition&gt;/objects/&lt;start:020&gt;   object descriptor
 * /floe/&lt;ns&gt;/streams/&lt;stream&gt;/p/&lt;partition&gt;/writer                lease-bound owner
 * /floe/&lt;ns&gt;/streams/&lt;stream&gt;/p/&lt;partition&gt;/tierer                lease-bound tiering claim
 * /floe/&lt;ns&gt;/streams/&lt;stream&gt;/consumers/&lt;id&gt;                     lease-bound position
 * /floe/&lt;ns&gt;/streams/&lt;stream&gt;/iceberg                              Iceberg metadata pointer
 * /floe/&lt;ns&gt;/gc/&lt;deleteAfter:020&gt;/&lt;kind&gt;/&lt;objectKey&gt;               queued deletion
 * </pre>
 *
 * Partitions are zero-padded to 5 digits. Immutable and thread-safe.
 */
public final class ManifestKeys {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private final String namespace;
    private final String root;

    public ManifestKeys(String namespace) {
        checkName("namespace", namespace);
        this.namespace = namespace;
        this.root = "/floe/" + namespace + "/";
    }

    /** The namespace whose keys these are. */
    public String namespace() {
        return namespace;
    }

    public static void checkStreamName(String name) {
        checkName("stream name", name);
    }

    private static void checkName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Invalid "
                            + what
                            + " '"
                            + name
                            + "': use 1 to 200 letters, digits, '.', '_' or '-'");
        }
    }

    /** The prefix of every key of the namespace, {@code /floe/<namespace>/}. */
    public String namespacePrefix() {
        return root;
    }

    public String streamsPrefix() {
        return root + "streams/";
    }

    public String streamPrefix(String stream) {
        return streamsPrefix() + stream + "/";
    }

    public String config(String stream) {
        return streamPrefix(stream) + "config";
    }

    /** Where the stream's value schema versions from 2 on are; version 1 is in the config. */
    public String schemasPrefix(String stream) {
        return streamPrefix(stream) + "schemas/";
    }

    public String schema(String stream, int version) {
        return schemasPrefix(stream) + zeroPadded(version, 10);
    }

    public String partitionPrefix(String stream, int partition) {
        return streamPrefix(stream) + "p/" + zeroPadded(partition, 5) + "/";
    }

    public String head(String stream, int partition) {
        return partitionPrefix(stream, partition) + "head";
    }

    public String writer(String stream, int partition) {
        return partitionPrefix(stream, partition) + "writer";
    }

    public String tierer(String stream, int partition) {
        return partitionPrefix(stream, partition) + "tierer";
    }

    public String objectsPrefix(String stream, int partition) {
        return partitionPrefix(stream, partition) + "objects/";
    }

    public String object(String stream, int partition, long startOffset) {
        return objectsPrefix(stream, partition) + zeroPadded(startOffset, 20);
    }

    public String restorePoint(String stream, int partition, String token) {
        checkName("restore token", token);
        return partitionPrefix(stream, partition) + "restore/" + token;
    }

    public String tablePointer(String stream) {
        return streamPrefix(stream) + "iceberg";
    }

    public String consumersPrefix(String stream) {
        return streamPrefix(stream) + "consumers/";
    }

    public String consumer(String stream, String consumerId) {
        checkName("consumer id", consumerId);
        return consumersPrefix(stream) + consumerId;
    }

    public String gcPrefix() {
        return root + "gc/";
    }

    public String gc(GcEntry entry) {
        return gcPrefix()
                + zeroPadded(entry.deleteAfter().toEpochMilli(), 20)
                + "/"
                + entry.kind().name().toLowerCase(java.util.Locale.ROOT)
                + "/"
                + entry.objectKey();
    }

    /** {@code value} in decimal with leading zeros to {@code width} digits; keys sort by number. */
    private static String zeroPadded(long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("a negative number in a key: " + value);
        }
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
