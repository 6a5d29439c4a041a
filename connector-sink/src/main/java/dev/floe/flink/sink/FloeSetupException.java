package dev.floe.flink.sink;

import dev.floe.wal.error.FloeException;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;

/**
 * The sink cannot start with its settings against the stream as it is (a missing stream, another
 * partition count or value schema, too few partitions for the partitioner). Restarting cannot help,
 * so the job fails without restarts; the message says what to change. Immutable.
 */
@PublicEvolving
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
public class FloeSetupException extends FloeException {

    private static final long serialVersionUID = 1L;

    public FloeSetupException(String message) {
        super(message);
    }
}
