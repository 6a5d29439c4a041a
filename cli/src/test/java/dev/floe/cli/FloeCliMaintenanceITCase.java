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
package dev.floe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.wal.manifest.ManifestKeys;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.object.ObjectInfo;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code floe verify} and {@code floe clean} against a real etcd and S3 server. */
class FloeCliMaintenanceITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    private S3Etcd env;

    @BeforeEach
    void open() throws IOException {
        env = new S3Etcd(ETCD, S3);
    }

    @AfterEach
    void close() throws IOException {
        env.close();
    }

    @Test
    void verifyFindsMissingAndCorruptedObjects() throws Exception {
        env.streams.create("orders", 2, Orders.SCHEMA);
        env.streams.commit("orders", 0, Orders.orders(0, 200));
        env.streams.commit("orders", 0, Orders.orders(200, 200));
        ObjectDescriptor parquet = env.streams.tier("orders", 0, Duration.ofHours(1)).get(0);
        ObjectDescriptor tail = env.streams.commit("orders", 0, Orders.orders(400, 300));
        ObjectDescriptor p1 = env.streams.commit("orders", 1, Orders.orders(0, 5));
        env.streams.create("clicks", 1, null);
        env.streams.commit("clicks", 0, Orders.texts(0, 3));

        CliRun healthy = env.floe("verify");
        assertThat(healthy.exit()).as(healthy.out() + healthy.err()).isZero();
        assertThat(healthy.outLines())
                .containsExactly(
                        "clicks/0: ok, 3 records in 1 objects",
                        "orders/0: ok, 700 records in 2 objects",
                        "orders/1: ok, 5 records in 1 objects",
                        healthy.outLines().get(3));
        assertThat(healthy.outLines().get(3)).startsWith("ok: 2 streams, 4 objects, ");

        env.stores.segments().delete(List.of(p1.key()));
        corrupt(env.stores.segments(), tail, tail.sizeBytes() / 2);
        corrupt(env.stores.parquet(), parquet, parquet.sizeBytes() / 3);

        CliRun broken = env.floe("verify", "orders");
        assertThat(broken.exit()).isEqualTo(FloeCli.EXIT_PROBLEMS);
        assertThat(broken.outLines())
                .anyMatch(
                        l ->
                                l.startsWith(
                                        "orders/0: PROBLEM: parquet object "
                                                + parquet.key()
                                                + " [0, 400) is unreadable: "))
                .anyMatch(
                        l ->
                                l.startsWith(
                                        "orders/0: PROBLEM: segment object "
                                                + tail.key()
                                                + " [400, 700) is unreadable: "))
                .contains(
                        "orders/1: PROBLEM: segment object "
                                + p1.key()
                                + " [0, 5) is missing from s3://"
                                + env.bucket
                                + " at "
                                + S3.endpoint())
                .noneMatch(l -> l.startsWith("clicks"));
        assertThat(broken.outLines())
                .last()
                .asString()
                .startsWith("3 problems: 1 streams, 3 objects");

        CliRun shallow = env.floe("verify", "orders", "--shallow");
        assertThat(shallow.exit()).isEqualTo(FloeCli.EXIT_PROBLEMS);
        assertThat(shallow.outLines()).filteredOn(l -> l.contains("PROBLEM")).hasSize(1);
    }

    @Test
    void icebergPrintsTheTableWithItsMetadataLocationLastAndVerifyComparesIt() throws Exception {
        env.streams.create("orders", 1, Orders.SCHEMA);
        env.streams.commit("orders", 0, Orders.orders(0, 200));
        env.streams.commit("orders", 0, Orders.orders(200, 200));
        env.streams.tier("orders", 0, Duration.ofHours(1));

        CliRun none = env.floe("iceberg", "orders");
        assertThat(none.exit()).isEqualTo(FloeCli.EXIT_ERROR);
        assertThat(none.err()).contains("stream orders has no Iceberg table yet");

        CliRun created = env.floe("iceberg", "orders", "--reconcile");
        assertThat(created.exit()).as(created.out() + created.err()).isZero();
        String location = env.manifest.tablePointer("orders").orElseThrow().metadataLocation();
        assertThat(location).startsWith("s3://" + env.bucket + "/orders/iceberg/metadata/");
        assertThat(created.outLines())
                .containsExactly(
                        "reconciled: 1 data files added, 0 removed, 0 delete files written",
                        created.outLines().get(1),
                        "live: 1 data files (400 rows), 0 delete files",
                        location);
        assertThat(created.outLines().get(1))
                .matches(
                        "table floe\\." + env.namespace + "\\.orders: 1 snapshots, current -?\\d+");

        env.streams.commit("orders", 0, Orders.orders(400, 50));
        ObjectDescriptor untabled = env.streams.tier("orders", 0, Duration.ofHours(1)).get(0);
        CliRun behind = env.floe("verify", "orders", "--shallow");
        assertThat(behind.exit()).isEqualTo(FloeCli.EXIT_PROBLEMS);
        assertThat(behind.outLines())
                .contains(
                        "orders (Iceberg table): PROBLEM: "
                                + env.stores.parquet().uri(untabled.key())
                                + ": committed Parquet object of partitions [0] is not in the"
                                + " Iceberg table");
        assertThat(behind.outLines()).last().asString().startsWith("1 problems: 1 streams");

        assertThat(env.floe("iceberg", "orders", "--reconcile").outLines())
                .first()
                .isEqualTo("reconciled: 1 data files added, 0 removed, 0 delete files written");
        assertThat(env.floe("verify", "orders", "--shallow").exit()).isZero();
    }

    @Test
    void verifyFindsCommittedOffsetsInNoObject() throws Exception {
        env.streams.create("gappy", 1, null);
        env.streams.commit("gappy", 0, Orders.texts(0, 10));
        env.streams.commit("gappy", 0, Orders.texts(10, 10));
        ObjectDescriptor third = env.streams.commit("gappy", 0, Orders.texts(20, 10));
        // The engine never removes a descriptor without a replacement; an edit of etcd by hand can.
        String descriptor = new ManifestKeys(env.namespace).object("gappy", 0, 10);
        try (Client etcd = Client.builder().endpoints(ETCD.endpoint()).build()) {
            etcd.getKVClient()
                    .delete(ByteSequence.from(descriptor, StandardCharsets.UTF_8))
                    .get(10, TimeUnit.SECONDS);
        }

        CliRun run = env.floe("verify", "gappy", "--shallow");

        assertThat(run.exit()).isEqualTo(FloeCli.EXIT_PROBLEMS);
        assertThat(run.outLines())
                .contains(
                        "gappy/0: PROBLEM: offsets [10, 20) are in no object (gap before "
                                + third.key()
                                + ")");
        assertThat(env.floe("dump", "gappy", "--from", "12").err())
                .startsWith(
                        "floe: offset 12 of gappy/0 is in no committed object; the next one starts"
                                + " at 20");
    }

    @Test
    void cleanListsThenDeletesOrphansAndExpiredSupersededObjects() throws Exception {
        env.streams.create("orders", 1, Orders.SCHEMA);
        ObjectDescriptor s0 = env.streams.commit("orders", 0, Orders.orders(0, 10));
        ObjectDescriptor s1 = env.streams.commit("orders", 0, Orders.orders(10, 10));
        ObjectDescriptor parquet = env.streams.tier("orders", 0, Duration.ZERO).get(0);
        ObjectDescriptor kept = env.streams.commit("orders", 0, Orders.orders(20, 5));
        ObjectDescriptor orphan = env.streams.orphanSegment("orders", 0, Orders.orders(25, 5));
        ObjectDescriptor pending = env.streams.pendingSegment("orders", 0, Orders.orders(25, 5));
        env.streams.create("other", 1, null);
        ObjectDescriptor otherOrphan = env.streams.orphanSegment("other", 0, Orders.texts(0, 2));

        CliRun young = env.floe("clean", "orders");
        assertThat(young.exit()).as(young.err()).isZero();
        assertThat(young.out())
                .doesNotContain("orphan " + orphan.key())
                .contains("would delete superseded segment object " + s0.key())
                .contains("would delete superseded segment object " + s1.key());

        CliRun dry = env.floe("clean", "orders", "--grace", "0s");
        assertThat(dry.exit()).isZero();
        assertThat(dry.out())
                .contains("would delete orphan " + orphan.key())
                .contains("kept " + pending.key() + ": a segment of the current writer")
                .contains(
                        "dry run, nothing deleted: would delete 1 orphans ("
                                + orphan.sizeBytes()
                                + " bytes), 0 unfinished uploads and 2 superseded objects")
                .doesNotContain(otherOrphan.key());
        assertThat(keys()).contains(s0.key(), s1.key(), orphan.key(), parquet.key(), kept.key());

        CliRun executed = env.floe("clean", "orders", "--grace", "0s", "--execute");
        assertThat(executed.exit()).as(executed.err()).isZero();
        assertThat(executed.out())
                .contains("deleted orphan " + orphan.key())
                .contains("deleted 1 orphans");
        assertThat(keys())
                .containsExactlyInAnyOrder(
                        parquet.key(), kept.key(), pending.key(), otherOrphan.key());
        assertThat(env.manifest.gcDue(Instant.ofEpochMilli(Long.MAX_VALUE), 100)).isEmpty();
        assertThat(env.floe("verify", "orders").exit()).isZero();
    }

    private List<String> keys() throws IOException {
        return env.stores.segments().list("").stream().map(ObjectInfo::key).toList();
    }

    /** Replaces the object by a copy with one byte flipped at {@code position}. */
    private static void corrupt(ObjectStore store, ObjectDescriptor o, long position)
            throws IOException {
        byte[] bytes = store.read(o.key(), 0, (int) o.sizeBytes());
        bytes[(int) position] ^= 0x5a;
        store.delete(List.of(o.key()));
        store.putIfAbsent(o.key(), bytes);
    }
}
