package dev.floe.examples.quickstart;

/**
 * The outcome of a quickstart run. Immutable.
 *
 * @param recordsIn orders the writing job generated
 * @param recordsOut orders the reading job read back
 * @param distinctOrdersOut distinct order ids among those read back
 * @param writeSeconds duration of the writing job
 * @param readSeconds duration of the reading job
 * @param stream what the manifest holds after the run
 */
public record QuickstartResult(
        long recordsIn,
        long recordsOut,
        long distinctOrdersOut,
        double writeSeconds,
        double readSeconds,
        StreamSummary stream) {

    /** Whether every order written was read back exactly once. */
    public boolean matches() {
        return recordsIn == recordsOut && distinctOrdersOut == recordsIn;
    }
}
