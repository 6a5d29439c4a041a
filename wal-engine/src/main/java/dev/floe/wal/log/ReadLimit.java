package dev.floe.wal.log;

/** How far a tail reader may read. */
public enum ReadLimit {
    /** Only records covered by an fsync: never returns a record a power loss could take back. */
    DURABLE,
    /**
     * Records as soon as the writer has handed them to the operating system; a crash of the machine
     * (not just the process) may take back the newest of them.
     */
    WRITTEN
}
