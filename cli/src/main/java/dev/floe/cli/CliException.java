package dev.floe.cli;

/**
 * A failure the user can fix (a missing stream, a bad offset, an unreachable endpoint), reported as
 * one line and exit code {@link FloeCli#EXIT_ERROR}. Immutable.
 */
final class CliException extends RuntimeException {

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
