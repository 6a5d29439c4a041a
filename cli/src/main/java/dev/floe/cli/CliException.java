package dev.floe.cli;

import dev.floe.wal.error.FloeException;

/**
 * A failure the user can fix (a missing stream, a bad offset, an unreachable endpoint), reported as
 * one line and exit code {@link FloeCli#EXIT_ERROR}. Immutable.
 */
final class CliException extends FloeException {

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
