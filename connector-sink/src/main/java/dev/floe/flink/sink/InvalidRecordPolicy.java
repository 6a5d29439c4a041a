package dev.floe.flink.sink;

import org.apache.flink.annotation.PublicEvolving;

/** What the sink does with an element it cannot write. */
@PublicEvolving
public enum InvalidRecordPolicy {
    /** Fail the job with the element's position (subtask and record number) in the message. */
    FAIL,
    /** Drop the element, log it with its position and count it in numRecordsOutErrors. */
    SKIP
}
