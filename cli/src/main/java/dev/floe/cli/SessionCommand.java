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
package dev.floe.cli;

import dev.floe.flink.connection.ConnectionSettings;
import dev.floe.flink.connection.FloeAdmins;
import dev.floe.wal.admin.FloeAdmin;
import dev.floe.wal.admin.StreamNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A {@code floe} command that works on the stores through a {@link FloeAdmin}: opens it from the
 * connection settings, runs, and closes it whatever happens. A missing stream and bad arguments the
 * admin refuses become one-line errors. Not thread-safe.
 */
abstract class SessionCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    private ConnectionSettings settings;

    @Override
    public final Integer call() throws Exception {
        settings = cli().settings();
        try (FloeAdmin admin = open(settings)) {
            return run(admin);
        } catch (StreamNotFoundException e) {
            throw new CliException(e.getMessage() + "; floe streams list shows the streams", e);
        } catch (IllegalArgumentException e) {
            throw new CliException(ErrorReporter.message(e), e);
        }
    }

    /** Runs the command; returns its exit code. */
    abstract int run(FloeAdmin admin) throws Exception;

    /** The connection settings of this run. */
    ConnectionSettings settings() {
        return settings;
    }

    FloeCli cli() {
        return (FloeCli) spec.root().userObject();
    }

    PrintStream out() {
        return cli().out();
    }

    PrintStream err() {
        return cli().err();
    }

    private static FloeAdmin open(ConnectionSettings settings) {
        try {
            return FloeAdmins.open(settings.config());
        } catch (IOException | RuntimeException e) {
            throw new CliException(
                    ErrorReporter.message(e) + " (connection from " + settings.origin() + ")", e);
        }
    }
}
