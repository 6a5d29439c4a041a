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

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Factories of daemon threads for Floe's executors, so that no background work of the engine keeps
 * a JVM alive. Stateless; the factories are thread-safe.
 */
public final class DaemonThreads {

    private DaemonThreads() {}

    /** Daemon threads all named {@code name}. */
    public static ThreadFactory named(String name) {
        return r -> start(r, name);
    }

    /** Daemon threads named {@code prefix} and their number, from 0. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return r -> start(r, prefix + next.getAndIncrement());
    }

    private static Thread start(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
