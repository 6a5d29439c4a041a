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
package dev.floe.wal.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.object.LocalDirectoryObjectStore;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.SeekableInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreFileIOTest {

    @TempDir Path dir;
    private LocalDirectoryObjectStore store;
    private ObjectStoreFileIO io;

    @BeforeEach
    void open() throws Exception {
        store = LocalDirectoryObjectStore.open(dir);
        io = new ObjectStoreFileIO(store);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void localLocationsAreFileUrisOfTheObjectsThatMapBackToTheirKeys() {
        String location = io.location("orders/iceberg/metadata/v1.metadata.json");

        assertThat(location)
                .isEqualTo(
                        dir.resolve("orders/iceberg/metadata/v1.metadata.json").toUri().toString())
                .startsWith("file:///");
        assertThat(io.key(location)).isEqualTo("orders/iceberg/metadata/v1.metadata.json");
        assertThat(io.contains("s3://elsewhere/orders/x")).isFalse();
        assertThatThrownBy(() -> io.newInputFile("s3://elsewhere/orders/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not in local directory");
    }

    @Test
    void writtenFilesAreCreateOnlyAndReadBackFromAnyPosition() throws Exception {
        String location = io.location("t/iceberg/metadata/m.avro");
        OutputFile out = io.newOutputFile(location);
        try (OutputStream s = out.create()) {
            s.write("0123456789".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Files.readString(dir.resolve("t/iceberg/metadata/m.avro")))
                .isEqualTo("0123456789");
        assertThatThrownBy(
                        () -> {
                            try (OutputStream s = io.newOutputFile(location).create()) {
                                s.write(1);
                            }
                        })
                .isInstanceOf(AlreadyExistsException.class);
        try (OutputStream s = io.newOutputFile(location).createOrOverwrite()) {
            s.write("abcdefghij".getBytes(StandardCharsets.UTF_8));
        }

        InputFile in = io.newInputFile(location);
        assertThat(in.exists()).isTrue();
        assertThat(in.getLength()).isEqualTo(10);
        try (SeekableInputStream s = in.newStream()) {
            s.seek(7);
            assertThat(s.read()).isEqualTo('h');
            assertThat(s.getPos()).isEqualTo(8);
            byte[] rest = new byte[4];
            assertThat(s.read(rest, 0, 4)).isEqualTo(2);
            assertThat(s.read()).isEqualTo(-1);
            s.seek(0);
            assertThat(new String(s.readNBytes(3), StandardCharsets.UTF_8)).isEqualTo("abc");
        }

        io.deleteFile(location);
        assertThat(io.newInputFile(location).exists()).isFalse();
        assertThatThrownBy(() -> io.newInputFile(location).getLength())
                .isInstanceOf(NotFoundException.class);
    }
}
