package dev.floe.wal.admin;

/** How deeply {@link FloeAdmin#verify} checks each committed object. */
public enum VerifyLevel {
    /** The object exists with the size the manifest records. */
    SHALLOW,
    /**
     * As {@link #SHALLOW}, and the object reads back completely with every checksum checked
     * (segment blocks and frames, Parquet pages) and exactly the offsets its descriptor names.
     */
    FULL
}
