/*
 * Copyright 2026 The Floe Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.floe.wal.error;

import dev.floe.wal.object.ObjectStoreException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;

/**
 * Tells an error that may pass by itself from a final one, for retry loops. Stateless.
 *
 * <p>The first error in the cause chain that Floe classifies decides: a {@link
 * RetriableFloeException} is retriable, any other {@link FloeException} is final, and an {@link
 * ObjectStoreException} (checked, since store calls declare {@link IOException}) says so itself.
 * Without one, an interruption is final (the thread is asked to stop), any other {@link
 * IOException} in the chain is retriable (a connection reset, a disk that had no room), and
 * everything else, a programming error included, is final.
 */
public final class FloeErrors {

    /** Causes looked at, against chains that loop. */
    private static final int MAX_DEPTH = 32;

    private FloeErrors() {}

    public static boolean isRetriable(Throwable error) {
        boolean io = false;
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof RetriableFloeException) {
                return true;
            }
            if (t instanceof FloeException) {
                return false;
            }
            if (t instanceof ObjectStoreException store) {
                return store.isRetriable();
            }
            if (isInterruption(t)) {
                return false;
            }
            io |= t instanceof IOException;
        }
        return io;
    }

    /**
     * The first line of {@code error}'s message (of its cause for an {@link UncheckedIOException}),
     * or its class name when it has none: SDKs and Flink append causes and traces after a newline.
     */
    public static String firstLine(Throwable error) {
        Throwable t =
                error instanceof UncheckedIOException && error.getCause() != null
                        ? error.getCause()
                        : error;
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static boolean isInterruption(Throwable t) {
        return t instanceof InterruptedException
                || t instanceof ClosedByInterruptException
                || (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException));
    }
}
