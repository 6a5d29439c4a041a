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
package dev.floe.wal.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A factory of daemon threads that remembers the threads it made, so that whoever shuts their
 * executor down can wait until they have returned: an executor reports termination just before its
 * last thread returns. Thread-safe.
 */
public final class JoinableDaemonThreads implements ThreadFactory {

    private final ThreadFactory factory;

    // Guarded by this: the threads made and not seen ended.
    private final List<Thread> threads = new ArrayList<>();

    private JoinableDaemonThreads(ThreadFactory factory) {
        this.factory = factory;
    }

    /** Daemon threads all named {@code name}. */
    public static JoinableDaemonThreads named(String name) {
        return new JoinableDaemonThreads(DaemonThreads.named(name));
    }

    /** Daemon threads named {@code prefix} and their number, from 0. */
    public static JoinableDaemonThreads numbered(String prefix) {
        return new JoinableDaemonThreads(DaemonThreads.numbered(prefix));
    }

    @Override
    public synchronized Thread newThread(Runnable r) {
        threads.removeIf(t -> t.getState() == Thread.State.TERMINATED);
        Thread thread = factory.newThread(r);
        threads.add(thread);
        return thread;
    }

    /**
     * Waits until every thread made so far has returned, or until {@code deadlineNanos} (of {@link
     * System#nanoTime}); true if they all returned.
     */
    public boolean join(long deadlineNanos) throws InterruptedException {
        List<Thread> made;
        synchronized (this) {
            made = List.copyOf(threads);
        }
        for (Thread thread : made) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 && thread.isAlive()) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, left));
        }
        return made.stream().noneMatch(Thread::isAlive);
    }
}
