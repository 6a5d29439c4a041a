package dev.floe.wal.admin;

/** Whether {@link FloeAdmin#clean} deletes or only reports. */
public enum CleanMode {
    /** Report what would be deleted; change nothing. */
    DRY_RUN,
    /** Delete orphans and superseded objects, abort abandoned uploads. */
    DELETE
}
