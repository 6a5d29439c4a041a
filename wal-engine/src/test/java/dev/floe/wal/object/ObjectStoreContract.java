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
package dev.floe.wal.object;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link ObjectStore} must have. Subclasses say how to open a fresh, empty
 * store; each test gets its own.
 */
abstract class ObjectStoreContract {

    /** More than one S3 part at the smallest part size, so uploads really go multipart. */
    static final int MORE_THAN_A_PART = 6 << 20;

    static final int LARGE_OBJECT = 20 << 20;

    protected ObjectStore store;

    /** A new, empty store. */
    protected abstract ObjectStore newStore() throws Exception;

    /**
     * Checks, midway through a large upload, that bytes left memory as they were written (e.g. a
     * bounded buffer, or a temporary file as large as what was written).
     */
    protected void assertUploadStreams(ObjectUpload upload) throws Exception {}

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store != null) {
            store.close();
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void putThenReadHeadAndList() throws Exception {
        Instant before = Instant.now().minusSeconds(5);
        ObjectInfo info = store.putIfAbsent("s/0/a.seg", bytes("hello"));

        assertThat(info.key()).isEqualTo("s/0/a.seg");
        assertThat(info.size()).isEqualTo(5);
        assertThat(store.read("s/0/a.seg", 0, 100)).isEqualTo(bytes("hello"));
        ObjectInfo head = store.head("s/0/a.seg").orElseThrow();
        assertThat(head.size()).isEqualTo(5);
        assertThat(head.lastModified()).isAfter(before).isBefore(Instant.now().plusSeconds(5));
        assertThat(store.list("s/")).extracting(ObjectInfo::key).containsExactly("s/0/a.seg");
        assertThat(store.list("s/0/a.seg").get(0).size()).isEqualTo(5);
        try (InputStream in = store.open("s/0/a.seg", 0)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes("hello"));
        }
    }

    @Test
    void rangedReadsReturnFewerBytesOnlyAtTheEnd() throws Exception {
        byte[] data = random(1000, 1);
        store.putIfAbsent("r", data);

        assertThat(store.read("r", 100, 50)).isEqualTo(Arrays.copyOfRange(data, 100, 150));
        assertThat(store.read("r", 0, 1000)).isEqualTo(data);
        assertThat(store.read("r", 990, 50)).isEqualTo(Arrays.copyOfRange(data, 990, 1000));
        assertThat(store.read("r", 999, 1)).containsExactly(data[999]);
        assertThat(store.read("r", 1000, 10)).isEmpty();
        assertThat(store.read("r", 5000, 10)).isEmpty();
        assertThat(store.read("r", 10, 0)).isEmpty();
        try (InputStream in = store.open("r", 500)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 500, 1000));
        }
        try (InputStream in = store.open("r", 1000)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        try (InputStream in = store.open("r", 2000)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        assertThatThrownBy(() -> store.read("r", -1, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingObjectsAreNotFound() throws Exception {
        assertThat(store.head("missing")).isEmpty();
        assertThatThrownBy(() -> store.read("missing", 0, 10))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("missing")
                .hasMessageContaining(store.describe());
        assertThatThrownBy(() -> store.open("missing", 0))
                .isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.read("missing", 0, 0))
                .isInstanceOf(ObjectNotFoundException.class);
        assertThat(store.list("missing")).isEmpty();
    }

    @Test
    void listsByPrefixInKeyOrder() throws Exception {
        List<String> keys =
                new ArrayList<>(
                        List.of(
                                "a/1",
                                "a/10",
                                "a/2",
                                "a/sub/deep",
                                "a-x",
                                "b/1",
                                "a/é",
                                "a/Z",
                                "ab"));
        Collections.shuffle(keys, new Random(7));
        for (String key : keys) {
            store.putIfAbsent(key, bytes(key));
        }

        assertThat(store.list(""))
                .extracting(ObjectInfo::key)
                .containsExactly(
                        "a-x", "a/1", "a/10", "a/2", "a/Z", "a/sub/deep", "a/é", "ab", "b/1");
        assertThat(store.list("a/"))
                .extracting(ObjectInfo::key)
                .containsExactly("a/1", "a/10", "a/2", "a/Z", "a/sub/deep", "a/é");
        assertThat(store.list("a/1")).extracting(ObjectInfo::key).containsExactly("a/1", "a/10");
        assertThat(store.list("a/s")).extracting(ObjectInfo::key).containsExactly("a/sub/deep");
        assertThat(store.list("a")).hasSize(8);
        assertThat(store.list("c/")).isEmpty();
        assertThat(store.list("a/sub/deep/more")).isEmpty();
    }

    @Test
    void neverOverwrites() throws Exception {
        store.putIfAbsent("k", bytes("first"));

        assertThatThrownBy(() -> store.putIfAbsent("k", bytes("second")))
                .isInstanceOf(ObjectAlreadyExistsException.class)
                .hasMessageContaining("k")
                .hasMessageContaining(store.describe());
        assertThat(store.read("k", 0, 100)).isEqualTo(bytes("first"));
    }

    @Test
    void exactlyOneOfConcurrentCreatesWins() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch ready = new CountDownLatch(writers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ObjectInfo>> attempts = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                byte[] content = bytes("writer-" + i + "-" + "x".repeat(i * 1000));
                attempts.add(
                        pool.submit(
                                () -> {
                                    ready.countDown();
                                    go.await();
                                    return store.putIfAbsent("race", content);
                                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();

            int winner = -1;
            for (int i = 0; i < writers; i++) {
                try {
                    attempts.get(i).get(30, TimeUnit.SECONDS);
                    assertThat(winner).as("only one writer may succeed").isEqualTo(-1);
                    winner = i;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ObjectAlreadyExistsException.class);
                }
            }
            assertThat(winner).as("one writer must succeed").isNotEqualTo(-1);
            assertThat(store.read("race", 0, 100_000))
                    .isEqualTo(bytes("writer-" + winner + "-" + "x".repeat(winner * 1000)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deletesInBatchIgnoringMissingKeys() throws Exception {
        for (String key : List.of("d/1", "d/2", "d/3", "e/1")) {
            store.putIfAbsent(key, bytes(key));
        }

        store.delete(List.of("d/1", "d/missing", "d/3", "e/1"));
        store.delete(List.of());

        assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("d/2");
        assertThat(store.head("d/1")).isEmpty();
        store.putIfAbsent("d/1", bytes("again"));
        assertThat(store.read("d/1", 0, 10)).isEqualTo(bytes("again"));
    }

    @Test
    void streamsALargeUploadThatAppearsOnlyOnComplete() throws Exception {
        MessageDigest written = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        byte[] chunk = new byte[12_345];
        try (ObjectUpload upload = store.startUpload("big/object")) {
            boolean checkedMidway = false;
            while (upload.size() < LARGE_OBJECT) {
                int n =
                        (int)
                                Math.min(
                                        1 + random.nextInt(chunk.length),
                                        LARGE_OBJECT - upload.size());
                random.nextBytes(chunk);
                written.update(chunk, 0, n);
                if (n % 2 == 0) {
                    upload.write(chunk, 0, n);
                } else {
                    upload.write(ByteBuffer.wrap(chunk, 0, n));
                }
                if (!checkedMidway && upload.size() > 2L * MORE_THAN_A_PART) {
                    checkedMidway = true;
                    assertThat(store.head("big/object")).isEmpty();
                    assertThat(store.list("big/")).isEmpty();
                    assertThat(store.pendingUploads("big/"))
                            .extracting(PendingUpload::key)
                            .containsExactly("big/object");
                    assertUploadStreams(upload);
                }
            }
            assertThat(upload.size()).isEqualTo(LARGE_OBJECT);
            ObjectInfo info = upload.complete();
            assertThat(info.size()).isEqualTo(LARGE_OBJECT);
        }

        assertThat(store.head("big/object").orElseThrow().size()).isEqualTo(LARGE_OBJECT);
        assertThat(store.pendingUploads("")).isEmpty();
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        try (InputStream in = store.open("big/object", 0)) {
            byte[] buffer = new byte[64 << 10];
            for (int n; (n = in.read(buffer)) > 0; ) {
                read.update(buffer, 0, n);
            }
        }
        assertThat(read.digest()).isEqualTo(written.digest());
        int middle = LARGE_OBJECT / 2 - 3;
        assertThat(store.read("big/object", middle, 7)).hasSize(7);
    }

    @Test
    void abortedUploadLeavesNothing() throws Exception {
        ObjectUpload upload = store.startUpload("gone");
        upload.write(random(MORE_THAN_A_PART, 3), 0, MORE_THAN_A_PART);
        upload.abort();
        upload.abort();

        assertThat(store.head("gone")).isEmpty();
        assertThat(store.list("")).isEmpty();
        assertThat(store.pendingUploads("")).isEmpty();
        assertThatThrownBy(() -> upload.write(new byte[1], 0, 1))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("gone");
        assertThatThrownBy(upload::complete).isInstanceOf(ObjectStoreException.class);
        assertThat(store.head("gone")).isEmpty();
    }

    @Test
    void closingAnUnfinishedUploadAbortsIt() throws Exception {
        try (ObjectUpload upload = store.startUpload("closed")) {
            upload.write(random(MORE_THAN_A_PART, 4), 0, MORE_THAN_A_PART);
        }
        assertThat(store.head("closed")).isEmpty();
        assertThat(store.pendingUploads("")).isEmpty();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {10, MORE_THAN_A_PART})
    void completingOnATakenKeyFailsAndKeepsTheOriginal(int size) throws Exception {
        store.putIfAbsent("taken", bytes("original"));
        ObjectUpload upload = store.startUpload("taken");
        upload.write(random(size, 5), 0, size);

        assertThatThrownBy(upload::complete)
                .isInstanceOf(ObjectAlreadyExistsException.class)
                .hasMessageContaining("taken");
        assertThat(store.read("taken", 0, 100)).isEqualTo(bytes("original"));
        assertThat(store.pendingUploads("")).isEmpty();
        upload.close();
    }

    @Test
    void pendingUploadsListsUnfinishedUploadsUntilAborted() throws Exception {
        Instant before = Instant.now().minus(Duration.ofSeconds(5));
        ObjectUpload upload = store.startUpload("p/unfinished");
        upload.write(random(MORE_THAN_A_PART, 6), 0, MORE_THAN_A_PART);

        List<PendingUpload> pending = store.pendingUploads("p/");
        assertThat(pending).hasSize(1);
        PendingUpload found = pending.get(0);
        assertThat(found.key()).isEqualTo("p/unfinished");
        assertThat(found.uploadId()).isNotBlank();
        assertThat(found.started()).isAfter(before).isBefore(Instant.now().plusSeconds(5));
        assertThat(store.pendingUploads("q/")).isEmpty();

        store.abort(found);
        store.abort(found);

        assertThat(store.pendingUploads("")).isEmpty();
        assertThatThrownBy(upload::complete)
                .isInstanceOf(ObjectStoreException.class)
                .isNotInstanceOf(ObjectAlreadyExistsException.class)
                .hasMessageContaining("p/unfinished");
        assertThat(store.head("p/unfinished")).isEmpty();
        upload.close();
    }

    @Test
    void storesEmptyObjects() throws Exception {
        store.putIfAbsent("empty/put", new byte[0]);
        try (ObjectUpload upload = store.startUpload("empty/upload")) {
            assertThat(upload.complete().size()).isZero();
        }

        for (String key : List.of("empty/put", "empty/upload")) {
            assertThat(store.head(key).orElseThrow().size()).isZero();
            assertThat(store.read(key, 0, 10)).isEmpty();
            try (InputStream in = store.open(key, 0)) {
                assertThat(in.readAllBytes()).isEmpty();
            }
        }
        assertThat(store.list("empty/")).extracting(ObjectInfo::size).containsExactly(0L, 0L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/abs", "a//b", "a/../b", "..", "a/", "./a", "a/./b"})
    void rejectsKeysThatAreNotRelativePaths(String key) {
        assertThatThrownBy(() -> store.putIfAbsent(key, bytes("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key");
        assertThatThrownBy(() -> store.startUpload(key))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.read(key, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(List.of(key)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsPrefixesThatCannotStartAKey() {
        assertThatThrownBy(() -> store.list("/a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list("a/../")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.pendingUploads("a//"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
