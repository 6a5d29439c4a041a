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
package dev.floe.wal.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.format.SegmentObjectOptions;
import dev.floe.wal.format.SegmentObjectReader;
import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WriteAheadLog;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.object.InMemoryObjectStore;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.object.ObjectStoreException;
import dev.floe.wal.object.ObjectUpload;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentStagerTest {

    @TempDir Path dir;

    static WalRecord record(long i) {
        return WalRecord.of(i, null, ("record-" + i).getBytes(StandardCharsets.UTF_8));
    }

    static List<LoggedRecord> readObject(ObjectStore store, ObjectDescriptor d) throws IOException {
        SegmentObjectReader reader =
                SegmentObjectReader.open(d.key(), new ObjectRangeSource(store, d));
        return reader.read(d.startOffset(), d.endOffset());
    }

    @Test
    void sealsEachRangeIntoOneObjectHoldingExactlyThoseRecords() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults());
                SegmentStager stager =
                        new SegmentStager(
                                wal, store, "orders", 3, 7, 0, SegmentObjectOptions.defaults())) {
            long next = 0;
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 10_000; i++) {
                    wal.append(record(next++));
                }
                ObjectDescriptor d = stager.seal().get(30, TimeUnit.SECONDS).orElseThrow();
                assertThat(d.startOffset()).isEqualTo(round * 10_000L);
                assertThat(d.endOffset()).isEqualTo(next);
                assertThat(d.epoch()).isEqualTo(7);
                assertThat(d.key()).startsWith("orders/00003/segments/");
                assertThat(d.sizeBytes()).isEqualTo(store.head(d.key()).orElseThrow().size());
                List<LoggedRecord> back = readObject(store, d);
                assertThat(back).hasSize(10_000);
                assertThat(back.get(0).record()).isEqualTo(record(d.startOffset()));
            }
            assertThat(stager.seal().get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(stager.stats().objectsUploaded()).isEqualTo(3);
        }
    }

    @Test
    void appendsAfterASealGoToTheNextObject() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults());
                SegmentStager stager =
                        new SegmentStager(
                                wal, store, "s", 0, 1, 0, SegmentObjectOptions.defaults())) {
            for (int i = 0; i < 50_000; i++) {
                wal.append(record(i));
            }
            var first = stager.seal();
            for (int i = 50_000; i < 60_000; i++) {
                wal.append(record(i));
            }
            ObjectDescriptor a = first.get(30, TimeUnit.SECONDS).orElseThrow();
            ObjectDescriptor b = stager.seal().get(30, TimeUnit.SECONDS).orElseThrow();
            assertThat(a.endOffset()).isEqualTo(50_000);
            assertThat(b.startOffset()).isEqualTo(50_000);
            assertThat(b.endOffset()).isEqualTo(60_000);
        }
    }

    @Test
    void aFailedUploadIsRetriedFromTheObjectsFirstRecord() throws Exception {
        InMemoryObjectStore real = new InMemoryObjectStore();
        ObjectStore flaky =
                failingUploads(real, 2, new ObjectStoreException("injected failure: store down"));
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults());
                SegmentStager stager =
                        new SegmentStager(
                                wal, flaky, "s", 0, 1, 0, SegmentObjectOptions.defaults())) {
            for (int i = 0; i < 1000; i++) {
                wal.append(record(i));
            }
            Optional<ObjectDescriptor> d = stager.seal().get(60, TimeUnit.SECONDS);
            assertThat(d).isPresent();
            assertThat(readObject(real, d.get())).hasSize(1000);
            assertThat(stager.stats().failedAttempts()).isEqualTo(2);
            assertThat(real.list("s/")).hasSize(1);
        }
    }

    @Test
    void anErrorNoRetryCanFixFailsTheSealAtOnceAndEveryLaterOne() throws Exception {
        InMemoryObjectStore real = new InMemoryObjectStore();
        ObjectStoreException denied =
                new ObjectStoreException("injected failure: access denied", null, false);
        ObjectStore denying = failingUploads(real, Integer.MAX_VALUE, denied);
        try (WriteAheadLog wal = WriteAheadLog.open(dir, WalOptions.defaults());
                SegmentStager stager =
                        new SegmentStager(
                                wal, denying, "s", 0, 1, 0, SegmentObjectOptions.defaults())) {
            for (int i = 0; i < 1000; i++) {
                wal.append(record(i));
            }
            assertThatThrownBy(() -> stager.seal().get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isSameAs(denied);
            assertThat(stager.stats().failedAttempts()).isEqualTo(1);
            assertThatThrownBy(() -> stager.seal().get(60, TimeUnit.SECONDS))
                    .cause()
                    .isSameAs(denied);
            assertThat(real.list("s/")).isEmpty();
        }
    }

    /** A store whose first {@code failures} uploads fail with {@code error}. */
    static ObjectStore failingUploads(
            InMemoryObjectStore real, int failures, ObjectStoreException error) {
        AtomicInteger failuresLeft = new AtomicInteger(failures);
        return (ObjectStore)
                Proxy.newProxyInstance(
                        ObjectStore.class.getClassLoader(),
                        new Class<?>[] {ObjectStore.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("startUpload")
                                    && failuresLeft.getAndDecrement() > 0) {
                                return failingUpload(error);
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
    }

    private static ObjectUpload failingUpload(ObjectStoreException error) {
        return (ObjectUpload)
                Proxy.newProxyInstance(
                        ObjectUpload.class.getClassLoader(),
                        new Class<?>[] {ObjectUpload.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("abort")) {
                                return null;
                            }
                            throw error;
                        });
    }
}
