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
package dev.floe.flink.source;

import dev.floe.wal.tail.TailServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Counts the readers the tail endpoints of this JVM cut off, from their log lines, while open.
 * Thread-safe.
 */
final class TailCutOffs implements AutoCloseable {

    private static final String NAME = "tail-cut-offs";

    private final AtomicInteger count = new AtomicInteger();
    private final LoggerContext context;
    private final LoggerConfig config;

    private TailCutOffs() {
        context = (LoggerContext) LogManager.getContext(false);
        config = new LoggerConfig(TailServer.class.getName(), Level.INFO, true);
        AbstractAppender appender =
                new AbstractAppender(NAME, null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        if (event.getMessage().getFormattedMessage().contains("cut off a reader")) {
                            count.incrementAndGet();
                        }
                    }
                };
        appender.start();
        config.addAppender(appender, Level.INFO, null);
        context.getConfiguration().addLogger(TailServer.class.getName(), config);
        context.updateLoggers();
    }

    static TailCutOffs watch() {
        return new TailCutOffs();
    }

    int count() {
        return count.get();
    }

    @Override
    public void close() {
        context.getConfiguration().removeLogger(TailServer.class.getName());
        context.updateLoggers();
    }
}
