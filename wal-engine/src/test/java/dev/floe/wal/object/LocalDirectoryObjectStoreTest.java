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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryObjectStoreTest extends ObjectStoreContract {

    @TempDir Path root;

    @Override
    protected ObjectStore newStore() throws Exception {
        return LocalDirectoryObjectStore.open(root.resolve("store"));
    }

    private Path storeDir() {
        return root.resolve("store");
    }

    @Override
    protected void assertUploadStreams(ObjectUpload upload) throws Exception {
        try (Stream<Path> files = Files.walk(storeDir().resolve(".uploads"))) {
            List<Path> data = files.filter(p -> p.endsWith("data")).toList();
            assertThat(data).hasSize(1);
            assertThat(Files.size(data.get(0))).isEqualTo(upload.size());
        }
    }

    @Test
    void keysAreFilesUnderTheRoot() throws Exception {
        store.putIfAbsent("s/0/a.seg", "hello".getBytes(UTF_8));

        assertThat(storeDir().resolve("s/0/a.seg")).hasContent("hello");
        assertThat(store.describe()).contains(storeDir().toString());
        assertThat(store.location("s/0/a.seg"))
                .isEqualTo(storeDir().toAbsolutePath().resolve("s/0/a.seg").toString());
        try (Stream<Path> uploads = Files.list(storeDir().resolve(".uploads"))) {
            assertThat(uploads).as("no temporary files are left").isEmpty();
        }
    }

    @Test
    void deletePrunesEmptyDirectories() throws Exception {
        store.putIfAbsent("s/0/a", new byte[1]);
        store.putIfAbsent("s/1/b", new byte[1]);

        store.delete(List.of("s/0/a"));

        assertThat(storeDir().resolve("s/0")).doesNotExist();
        assertThat(storeDir().resolve("s/1/b")).exists();
        store.delete(List.of("s/1/b"));
        assertThat(storeDir().resolve("s")).doesNotExist();
        assertThat(storeDir()).isDirectory();
    }

    @Test
    void uploadsOfACrashedWriterArePendingAfterReopen() throws Exception {
        ObjectUpload upload = store.startUpload("seg/orphan");
        upload.write(new byte[100], 0, 100);
        store.close();

        try (ObjectStore reopened = LocalDirectoryObjectStore.open(storeDir())) {
            List<PendingUpload> pending = reopened.pendingUploads("");
            assertThat(pending).extracting(PendingUpload::key).containsExactly("seg/orphan");
            assertThat(reopened.list("")).isEmpty();

            reopened.abort(pending.get(0));

            assertThat(reopened.pendingUploads("")).isEmpty();
            try (Stream<Path> uploads = Files.list(storeDir().resolve(".uploads"))) {
                assertThat(uploads).isEmpty();
            }
        }
        upload.close();
    }

    @Test
    void theUploadsDirectoryIsReservedAndNeverListed() throws Exception {
        store.startUpload("x").write(new byte[10], 0, 10);

        assertThat(store.list("")).isEmpty();
        assertThat(store.list(".")).isEmpty();
        assertThatThrownBy(() -> store.putIfAbsent(".uploads/x", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved");
    }

    @Test
    void anObjectCannotAlsoBeADirectoryOfObjects() throws Exception {
        store.putIfAbsent("a", new byte[1]);

        assertThatThrownBy(() -> store.putIfAbsent("a/b", new byte[1]))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("a/b")
                .hasMessageContaining("is an object");
        assertThat(store.pendingUploads("")).isEmpty();
        assertThat(store.head("a")).isPresent();
    }

    @Test
    void reportsAnAbortFromAnotherProcessWhenCompleting() throws Exception {
        ObjectUpload upload = store.startUpload("k");
        upload.write(new byte[10], 0, 10);
        for (PendingUpload pending : store.pendingUploads("")) {
            store.abort(pending);
        }

        assertThatThrownBy(upload::complete)
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("aborted");
        assertThat(store.head("k")).isEmpty();
    }
}
