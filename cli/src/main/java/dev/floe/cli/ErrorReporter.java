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

import dev.floe.wal.error.FloeErrors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a command's failure into one line on stderr ({@code floe: <what failed>}) and exit code
 * {@link FloeCli#EXIT_ERROR}; with {@code --verbose} the stack trace follows. Stateless.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    private final FloeCli cli;

    ErrorReporter(FloeCli cli) {
        this.cli = cli;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine line, ParseResult parsed) {
        cli.err().println("floe: " + message(e));
        if (cli.verbose()) {
            e.printStackTrace(cli.err());
        } else if (!(e instanceof CliException)) {
            cli.err().println("(run with --verbose for the stack trace)");
        }
        return FloeCli.EXIT_ERROR;
    }

    static String message(Throwable e) {
        return FloeErrors.firstLine(e);
    }
}
