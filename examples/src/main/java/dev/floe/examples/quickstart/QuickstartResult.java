package dev.floe.examples.quickstart;

/**
 * The outcome of a quickstart run. Immutable.
 *
 * @param ordersRequested orders the writing job was asked to generate
 * @param recordsIn orders the writing job committed to the stream
 * @param recordsOut orders the reading job read back
 * @param distinctOrdersOut distinct order ids among those read back
 * @param writeSeconds duration of the writing job
 * @param readSeconds duration of the reading job
 * @param stream what the manifest holds after the run
 */
public record QuickstartResult(
        long ordersRequested,
        long recordsIn,
        long recordsOut,
        long distinctOrdersOut,
        double writeSeconds,
        double readSeconds,
        StreamSummary stream) {

    /** Whether every order requested was committed once and read back exactly once. */
    public boolean matches() {
        return recordsIn == ordersRequested
                && recordsOut == recordsIn
                && distinctOrdersOut == recordsIn;
    }
}
