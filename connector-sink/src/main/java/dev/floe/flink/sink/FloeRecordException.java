package dev.floe.flink.sink;

import dev.floe.wal.error.FloeException;
import org.apache.flink.annotation.PublicEvolving;

/**
 * An element the sink cannot write (null, failing to serialize, or too large); the message names
 * the stream, the subtask and the element's number in it. Final. Immutable.
 */
@PublicEvolving
public class FloeRecordException extends FloeException {

    private static final long serialVersionUID = 1L;

    public FloeRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
