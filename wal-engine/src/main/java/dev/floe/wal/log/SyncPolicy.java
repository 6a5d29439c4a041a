package dev.floe.wal.log;

/** When the log forces appended records to disk. */
public enum SyncPolicy {
    /**
     * Group commit: fsync once the oldest unsynced record has waited {@code max-wait} or {@code
     * max-bytes} are pending, covering every record appended until then.
     */
    GROUP,
    /** Every append returns only after an fsync covering it (concurrent appends share one). */
    ALWAYS,
    /**
     * Leave durability to the operating system; records become durable only through {@link
     * WriteAheadLog#sync()} or when their segment is sealed.
     */
    NONE
}
