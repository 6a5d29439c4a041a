package dev.floe.flink.sink;

import dev.floe.wal.error.FloeException;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;

/**
 * Another writer has taken a partition this sink was writing (a second job on the same stream), or
 * the stream moved past the checkpoint being restored. Restarting cannot help, so the job fails
 * without restarts. Immutable.
 */
@PublicEvolving
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
public class FloeFencedException extends FloeException {

    private static final long serialVersionUID = 1L;

    public FloeFencedException(String message) {
        super(message);
    }
}
