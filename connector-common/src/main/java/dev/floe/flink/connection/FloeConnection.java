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
package dev.floe.flink.connection;

import dev.floe.wal.admin.FloeStores;
import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.tier.TierStores;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Open object and manifest stores for one set of {@link FloeConnectionOptions}, shared by every
 * sink and source task of a job in one process (an embedded manifest admits one opener per process,
 * and etcd and S3 clients are costly). Reference-counted: {@link #open} returns a handle and the
 * stores close when the last handle does. Thread-safe.
 */
@Internal
public final class FloeConnection implements AutoCloseable {

    private static final Map<String, Shared> OPEN = new HashMap<>();
    private static final List<ConfigOption<?>> OPTIONS = FloeConnectionOptions.all();

    private final Shared shared;
    private boolean closed;

    private FloeConnection(Shared shared) {
        this.shared = shared;
    }

    /**
     * Opens the stores the options describe, or shares those already open in this process.
     *
     * @throws IOException if the object store cannot be reached (the message names it)
     */
    public static FloeConnection open(ReadableConfig config) throws IOException {
        String id = identity(config);
        synchronized (OPEN) {
            Shared shared = OPEN.get(id);
            if (shared == null) {
                shared = new Shared(id, FloeStores.open(StoreSettingsOptions.of(config)));
                OPEN.put(id, shared);
            }
            shared.references++;
            return new FloeConnection(shared);
        }
    }

    public TierStores stores() {
        return shared.stores.tiers();
    }

    public ManifestStore manifest() {
        return shared.stores.manifest();
    }

    /** Where the stores are, for messages. */
    public String describe() {
        return manifest().describe() + ", " + stores().segments().describe();
    }

    @Override
    public void close() {
        synchronized (OPEN) {
            if (closed) {
                return;
            }
            closed = true;
            if (--shared.references == 0) {
                OPEN.remove(shared.id);
                shared.stores.close();
            }
        }
    }

    /** Checks the options without connecting; throws {@link IllegalArgumentException}. */
    public static void validate(ReadableConfig config) {
        StoreSettingsOptions.of(config);
    }

    /** Every connection option that is set, as one string: equal strings share stores. */
    private static String identity(ReadableConfig config) {
        StringBuilder id = new StringBuilder();
        for (ConfigOption<?> option : OPTIONS) {
            config.getOptional(option)
                    .ifPresent(v -> id.append(option.key()).append('=').append(v).append('\n'));
        }
        return id.toString();
    }

    private static final class Shared {
        final String id;
        final FloeStores stores;
        int references;

        Shared(String id, FloeStores stores) {
            this.id = id;
            this.stores = stores;
        }
    }
}
