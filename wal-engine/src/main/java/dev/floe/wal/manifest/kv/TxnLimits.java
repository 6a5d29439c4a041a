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
package dev.floe.wal.manifest.kv;

import dev.floe.wal.manifest.ManifestException;
import java.util.List;

/**
 * Checks a transaction against etcd's default limits (128 operations per branch, 1.5 MiB per
 * request) before it is sent, so that an oversized commit fails with a clear message on every
 * store. Stateless.
 */
public final class TxnLimits {

    /** Room left for framing and the fields not counted in {@link #estimateBytes}. */
    private static final int MARGIN_BYTES = 16 * 1024;

    private static final int PER_ITEM_OVERHEAD = 32;

    private TxnLimits() {}

    /** Throws a {@link ManifestException} starting with {@code what} if the limits are exceeded. */
    static void check(String what, List<KvCompare> compares, List<KvOp> ops) {
        int count = Math.max(compares.size(), ops.size());
        if (count > KvStore.MAX_TXN_OPS) {
            throw new ManifestException(
                    what
                            + " needs "
                            + count
                            + " operations in one transaction, more than etcd's limit of "
                            + KvStore.MAX_TXN_OPS
                            + ": split it into smaller ones");
        }
        long bytes = estimateBytes(compares, ops);
        if (bytes > KvStore.MAX_REQUEST_BYTES - MARGIN_BYTES) {
            throw new ManifestException(
                    what
                            + " needs a transaction of about "
                            + bytes
                            + " bytes, more than etcd's request limit of "
                            + KvStore.MAX_REQUEST_BYTES
                            + " bytes: split it into smaller ones or use shorter object keys");
        }
    }

    /** The most bytes a transaction may be estimated at. */
    static long maxBytes() {
        return KvStore.MAX_REQUEST_BYTES - MARGIN_BYTES;
    }

    static long estimateBytes(List<KvCompare> compares, List<KvOp> ops) {
        long bytes = 0;
        for (KvCompare c : compares) {
            bytes += utf8Length(c.key()) + (c.value() == null ? 0 : c.value().length);
            bytes += PER_ITEM_OVERHEAD;
        }
        for (KvOp op : ops) {
            bytes += utf8Length(op.key()) + PER_ITEM_OVERHEAD;
            if (op instanceof KvOp.Put put) {
                bytes += put.value().length;
            }
        }
        return bytes;
    }

    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
