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
package dev.floe.wal.testing;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Log lines of this JVM from {@link #start} (every logger at DEBUG and above) or {@link #of} (one
 * logger at INFO and above) until {@link #close}, with the messages and stack traces of what was
 * logged: for tests that check what a user would find in the logs, and benchmarks that read figures
 * from them. Thread-safe.
 */
public final class CapturedLogs implements AutoCloseable {

    private final StringWriter text = new StringWriter();
    private final WriterAppender appender;
    private final Level rootLevel;

    private CapturedLogs(String loggerName) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender =
                WriterAppender.newBuilder()
                        .setName("captured-" + System.identityHashCode(this))
                        .setTarget(text)
                        .setLayout(
                                PatternLayout.newBuilder()
                                        .withPattern("%-5level %c - %msg%n%throwable")
                                        .build())
                        .build();
        appender.start();
        rootLevel = config.getRootLogger().getLevel();
        if (loggerName == null) {
            for (LoggerConfig logger : config.getLoggers().values()) {
                logger.addAppender(appender, Level.DEBUG, null);
                logger.setLevel(Level.DEBUG);
            }
        } else {
            LoggerConfig logger = new LoggerConfig(loggerName, Level.INFO, true);
            logger.addAppender(appender, Level.INFO, null);
            config.addLogger(loggerName, logger);
        }
        context.updateLoggers();
    }

    /** Starts capturing, with every logger at DEBUG. */
    public static CapturedLogs start() {
        return new CapturedLogs(null);
    }

    /** Starts capturing what the logger {@code name} logs at INFO and above. */
    public static CapturedLogs of(String name) {
        return new CapturedLogs(name);
    }

    /** What was logged so far. */
    public String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    /** Stops capturing; loggers go back to the root's level (the test configuration's). */
    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.removeAppender(appender.getName());
        }
        config.getRootLogger().setLevel(rootLevel);
        context.reconfigure();
        appender.stop();
    }
}
