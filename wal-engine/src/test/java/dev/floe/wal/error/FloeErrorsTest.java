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

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.format.CorruptSegmentObjectException;
import dev.floe.wal.log.CorruptLogException;
import dev.floe.wal.manifest.CommitStateUnknownException;
import dev.floe.wal.manifest.ManifestException;
import dev.floe.wal.manifest.kv.KvUnavailableException;
import dev.floe.wal.object.ObjectAlreadyExistsException;
import dev.floe.wal.object.ObjectNotFoundException;
import dev.floe.wal.object.ObjectStoreException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FloeErrorsTest {

    @Test
    void storesThatDoNotAnswerAndUnknownOutcomesAreRetriable() {
        assertThat(FloeErrors.isRetriable(new KvUnavailableException("etcd: no answer", null)))
                .isTrue();
        assertThat(FloeErrors.isRetriable(new CommitStateUnknownException("unknown", null)))
                .isTrue();
        assertThat(FloeErrors.isRetriable(new ObjectStoreException("503 SlowDown"))).isTrue();
        assertThat(FloeErrors.isRetriable(new SocketTimeoutException("read timed out"))).isTrue();
    }

    @Test
    void whatCannotPassByItselfIsFinal() {
        assertThat(FloeErrors.isRetriable(new ManifestException("stream s does not exist")))
                .isFalse();
        assertThat(FloeErrors.isRetriable(new CorruptLogException(Path.of("wal"), 8, "bad crc")))
                .isFalse();
        assertThat(FloeErrors.isRetriable(new CorruptSegmentObjectException("o", 8, "bad crc")))
                .isFalse();
        assertThat(FloeErrors.isRetriable(new ObjectStoreException("403", null, false))).isFalse();
        assertThat(FloeErrors.isRetriable(new ObjectNotFoundException("s3", "k"))).isFalse();
        assertThat(FloeErrors.isRetriable(new ObjectAlreadyExistsException("s3", "k"))).isFalse();
        assertThat(FloeErrors.isRetriable(new IllegalStateException("a bug"))).isFalse();
        assertThat(FloeErrors.isRetriable(new InterruptedIOException("stop"))).isFalse();
    }

    @Test
    void theFirstClassifiedErrorInTheCauseChainDecides() {
        IOException wrapped =
                new IOException(
                        "read ahead failed", new CorruptLogException(Path.of("wal"), 0, "x"));
        assertThat(FloeErrors.isRetriable(wrapped)).isFalse();
        assertThat(
                        FloeErrors.isRetriable(
                                new UncheckedIOException(new ObjectStoreException("reset"))))
                .isTrue();
        assertThat(
                        FloeErrors.isRetriable(
                                new ManifestException(
                                        "gave up", new KvUnavailableException("down", null))))
                .isFalse();
        assertThat(FloeErrors.isRetriable(new RuntimeException(new IOException("disk full"))))
                .isTrue();
    }
}
