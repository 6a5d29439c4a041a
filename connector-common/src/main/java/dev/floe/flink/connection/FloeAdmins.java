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

import dev.floe.wal.admin.FloeAdmin;
import java.io.IOException;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Opens a {@link FloeAdmin} from the {@code floe.*} connection options of {@link
 * FloeConnectionOptions}, the options a FloeSink or FloeSource of the same streams is given.
 * Stateless; the admins it opens are thread-safe.
 *
 * <pre>{@code
 * Configuration options = new Configuration();
 * options.set(FloeConnectionOptions.ETCD_ENDPOINTS, List.of("http://127.0.0.1:2379"));
 * options.set(FloeConnectionOptions.S3_BUCKET, "floe");
 * try (FloeAdmin admin = FloeAdmins.open(options)) {
 *     admin.listStreams().forEach(s -> System.out.println(s.name()));
 * }
 * }</pre>
 */
@PublicEvolving
public final class FloeAdmins {

    private FloeAdmins() {}

    /**
     * Opens an admin over the stores the options describe. Within one process it shares them with
     * the sinks and sources of the same options (an embedded manifest admits one opener per
     * process); closing the admin releases its share.
     *
     * @throws IllegalArgumentException if an option is wrong or missing (the message names it)
     * @throws IOException if an object store cannot be reached (the message names it)
     */
    public static FloeAdmin open(ReadableConfig options) throws IOException {
        FloeConnection connection = FloeConnection.open(options);
        return FloeAdmin.over(connection.stores(), connection.manifest(), connection);
    }
}
