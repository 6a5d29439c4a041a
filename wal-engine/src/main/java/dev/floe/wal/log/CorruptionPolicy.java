package dev.floe.wal.log;

/**
 * What recovery does when it finds damage that is not a torn tail: a bad frame followed by more
 * data, or a damaged segment that was already sealed (sealed segments are always fsynced).
 */
public enum CorruptionPolicy {
    /** Refuse to open, naming the file and byte position. Nothing is changed on disk. */
    FAIL,
    /** Keep the longest valid prefix and delete everything after it, logging what was dropped. */
    TRUNCATE
}
