package dev.floe.flink.sink;

import org.apache.flink.annotation.PublicEvolving;

/**
 * What the sink does with an element it cannot write: null, failing to serialize, too large, or
 * without a partition (a routing error).
 */
@PublicEvolving
public enum InvalidRecordPolicy {
    /** Fail the job with the element's position (subtask and record number) in the message. */
    FAIL,
    /**
     * Drop the element and count it in numRecordsSendErrors; warnings name skipped elements, at
     * most one every 10 seconds.
     */
    SKIP
}
