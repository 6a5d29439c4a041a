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
package dev.floe.examples.jobs;

import dev.floe.flink.connection.ConnectionSettings;
import dev.floe.flink.sink.FloeSinkBuilder;
import dev.floe.wal.admin.LocalLayout;
import picocli.CommandLine.Option;

/** Where a job's sinks keep their write-ahead logs: option {@code --wal-dir}. Not thread-safe. */
public final class WalSettings {

    @Option(
            names = "--wal-dir",
            defaultValue = "${env:FLOE_WAL_DIR}",
            description =
                    "Local directory of the sink's write-ahead logs on each TaskManager (env"
                            + " FLOE_WAL_DIR; default: <local path>/wal with the embedded manifest, else the temp"
                            + " directory's floe-wal/).")
    String walDirectory;

    /** Gives {@code sink} this directory, or the default for {@code connection}. */
    void applyTo(FloeSinkBuilder<?> sink, ConnectionSettings connection) {
        if (walDirectory != null && !walDirectory.isBlank()) {
            sink.walDirectory(walDirectory);
        } else if (!connection.usesEtcd()) {
            // Next to the embedded manifest, so logs of another manifest's stream of the same name
            // are never mistaken for this one's.
            sink.walDirectory(LocalLayout.wal(connection.localPath()).toString());
        }
    }
}
