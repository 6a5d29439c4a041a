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
package dev.floe.wal.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.record.WalRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacklogTest {

    @TempDir Path dir;

    @Test
    void appendsBlockAtTheLimitUntilRecordsAreReleased() throws Exception {
        WalOptions options = WalOptions.builder().backlogLimitBytes(1024 * 1024).build();
        byte[] value = new byte[1000];
        try (WriteAheadLog log = WriteAheadLog.open(dir, options)) {
            AtomicLong appended = new AtomicLong();
            CompletableFuture<Void> writer =
                    CompletableFuture.runAsync(
                            () -> {
                                for (int i = 0; i < 3000; i++) {
                                    log.append(WalRecord.of(i, null, value));
                                    appended.incrementAndGet();
                                }
                            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (log.stats().backlogBytes() < 1024 * 1024 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(writer)
                    .as("the writer must block with 3 MB appended against a 1 MiB limit")
                    .failsWithin(Duration.ofMillis(300))
                    .withThrowableOfType(TimeoutException.class);
            long blockedAt = appended.get();
            assertThat(blockedAt).isBetween(500L, 1100L);
            assertThat(log.stats().backpressureNanos()).isPositive();
            long heldSoFar = log.stats().backpressureNanos();
            Thread.sleep(200);
            assertThat(log.stats().backpressureNanos() - heldSoFar)
                    .as("a wait still going on counts as it goes")
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));

            long releaseDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!writer.isDone() && System.nanoTime() < releaseDeadline) {
                log.release(appended.get());
                Thread.onSpinWait();
            }
            assertThat(writer)
                    .as("releasing records unblocks the writer")
                    .succeedsWithin(Duration.ofSeconds(1));
            assertThat(log.endOffset()).isEqualTo(3000);
        }
    }

    @Test
    void withoutALimitNothingIsTracked() {
        try (WriteAheadLog log = WriteAheadLog.open(dir, WalOptions.defaults())) {
            for (int i = 0; i < 10_000; i++) {
                log.append(WalRecord.of(i, null, new byte[100]));
            }
            assertThat(log.stats().backlogBytes()).isZero();
            assertThat(log.stats().backpressureNanos()).isZero();
        }
    }
}
