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
package dev.floe.wal.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floe.wal.manifest.etcd.EtcdManifestConfig;
import dev.floe.wal.testing.CapturedLogs;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.EtcdUsers;
import io.etcd.jetcd.Client;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The etcd manifest against an etcd with authentication on, where Floe's user holds a role limited
 * to its namespace's prefix: it works there, a wrong password and a namespace outside the role fail
 * at once with one clear line each, and the password appears in no log line and no error.
 */
class EtcdAuthITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

    private static final String USER = "floe";
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final String NAMESPACE = "granted";

    @BeforeAll
    static void enableAuthentication() throws Exception {
        try (Client root = Client.builder().endpoints(ETCD.endpoint()).build()) {
            EtcdUsers.enableAuthWithNamespaceUser(root, NAMESPACE, USER, PASSWORD);
        }
    }

    @Test
    void aUserWhoseRoleHoldsTheNamespaceCreatesStreamsAndCommits() {
        try (CapturedLogs logs = CapturedLogs.start();
                ManifestStore store = open(NAMESPACE, PASSWORD)) {
            store.createStream(StreamConfig.of("s", 1));
            long epoch = store.acquire("s", 0, "w", Duration.ofSeconds(10)).epoch();
            CommitResult result =
                    store.commit(
                            ManifestStoreContract.request(
                                    "s",
                                    0,
                                    epoch,
                                    "c1",
                                    ManifestStoreContract.segment(0, 10, epoch)));

            assertThat(result.status()).isEqualTo(CommitResult.Status.COMMITTED);
            assertThat(store.head("s", 0).committedEnd()).isEqualTo(10);
            assertThat(logs.text()).isNotEmpty().doesNotContain(PASSWORD);
        }
    }

    @Test
    void aWrongPasswordFailsAtOpenNamingTheUserNotThePassword() {
        String wrong = "wrong-" + UUID.randomUUID();
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertThatThrownBy(() -> open(NAMESPACE, wrong))
                    .isInstanceOf(ManifestException.class)
                    .hasMessageContaining("refused the credentials of user " + USER)
                    .satisfies(e -> assertThat(messages(e)).doesNotContain(wrong, PASSWORD));
            assertThat(logs.text()).doesNotContain(wrong).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aNamespaceOutsideTheUsersRoleIsRefusedAtOpen() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            assertThatThrownBy(() -> open("elsewhere", PASSWORD))
                    .isInstanceOf(ManifestException.class)
                    .hasMessageContaining("denies user " + USER + " access to /floe/elsewhere/")
                    .satisfies(e -> assertThat(messages(e)).doesNotContain(PASSWORD));
            assertThat(logs.text()).doesNotContain(PASSWORD);
        }
    }

    private static ManifestStore open(String namespace, String password) {
        return ManifestStores.etcd(
                EtcdManifestConfig.builder()
                        .endpoints(ETCD.endpoint())
                        .namespace(namespace)
                        .credentials(USER, password)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build());
    }

    /** The messages of {@code e} and all its causes, as a log line with its trace would show. */
    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
