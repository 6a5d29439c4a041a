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

import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.PartitionClaim;
import dev.floe.wal.manifest.SchemaVersion;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every inspection command of {@code floe} against a real etcd and S3 server. */
class FloeCliITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @TempDir Path tmp;

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
    void createsListsDescribesAndDeletesStreams() throws Exception {
        Path schema = tmp.resolve("order.avsc");
        Files.writeString(schema, Orders.SCHEMA);

        CliRun created =
                env.floe(
                        "streams",
                        "create",
                        "orders",
                        "--partitions",
                        "2",
                        "--avro-schema",
                        schema.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out())
                .contains("created stream orders with 2 partitions (avro dev.floe.examples.Order)");
        assertThat(env.floe("streams", "create", "clicks", "--partitions", "1").exit()).isZero();
        CliRun grown = env.floe("streams", "grow", "clicks", "--partitions", "2");
        assertThat(grown.exit()).as(grown.err()).isZero();
        assertThat(grown.out()).contains("stream clicks grew from 1 to 2 partitions");
        CliRun shrink = env.floe("streams", "grow", "clicks", "--partitions", "1");
        assertThat(shrink.exit()).isEqualTo(2);
        assertThat(shrink.err()).contains("has 2 partitions").contains("cannot have 1");

        CliRun again = env.floe("streams", "create", "orders", "--partitions", "3");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err().strip())
                .isEqualTo(
                        "floe: stream orders exists already with 2 partitions (avro dev.floe.examples.Order)");

        env.streams.commit("orders", 0, Orders.orders(0, 10));
        env.streams.commit("orders", 1, Orders.orders(10, 5));
        CliRun list = env.floe("streams", "list");
        assertThat(list.outLines())
                .containsExactly(
                        "STREAM  PARTITIONS  VALUE                         RECORDS",
                        "clicks  2           bytes                         0",
                        "orders  2           avro dev.floe.examples.Order  15");

        CliRun describe = env.floe("streams", "describe", "orders");
        assertThat(describe.exit()).isZero();
        assertThat(describe.out())
                .contains("committed records         15")
                .contains("objects                   2 segment, 0 parquet")
                .contains("\"currency\"")
                .contains("value schema history:")
                .containsPattern("1 +at creation +[0-9a-f]{16} +order_id long, ");

        org.apache.avro.Schema v1 = new org.apache.avro.Schema.Parser().parse(Orders.SCHEMA);
        List<org.apache.avro.Schema.Field> fields = new java.util.ArrayList<>();
        v1.getFields().forEach(f -> fields.add(new org.apache.avro.Schema.Field(f, f.schema())));
        fields.add(
                new org.apache.avro.Schema.Field(
                        "note",
                        org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING),
                        null,
                        "none"));
        String v2 =
                org.apache.avro.Schema.createRecord(
                                v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields)
                        .toString();
        env.manifest.registerSchema(
                "orders",
                new SchemaVersion(2, v2, java.time.Instant.parse("2026-12-01T08:00:00Z")));
        assertThat(env.floe("streams", "describe", "orders").out())
                .containsPattern(
                        "2 +2026-12-01T08:00:00Z +[0-9a-f]{16} +order_id long, .*note string = none")
                .contains("value schema (version 2):")
                .contains("\"note\"");

        try (PartitionClaim writer =
                env.manifest.acquire("orders", 1, "job-7", Duration.ofSeconds(30))) {
            CliRun refused = env.floe("streams", "delete", "orders");
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err())
                    .contains("stream orders is being written: partition 1 by job-7 (epoch")
                    .contains("pass --force");
            assertThat(env.manifest.stream("orders")).isPresent();
        }
        env.streams.orphanSegment("orders", 0, Orders.orders(99, 1));

        CliRun deleted = env.floe("streams", "delete", "orders");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(deleted.out()).contains("deleted stream orders: 3 objects");
        assertThat(env.manifest.streams()).containsExactly("clicks");
        assertThat(env.stores.segments().list("orders/")).isEmpty();
        assertThat(env.floe("streams").outLines()).hasSize(2);
    }

    @Test
    void forceDeletesAStreamAWriterHolds() throws Exception {
        env.streams.create("held", 1, null);
        env.streams.commit("held", 0, Orders.texts(0, 3));
        try (PartitionClaim writer =
                env.manifest.acquire("held", 0, "job-8", Duration.ofSeconds(30))) {
            CliRun forced = env.floe("streams", "delete", "held", "--force");
            assertThat(forced.exit()).as(forced.err()).isZero();
        }
        assertThat(env.manifest.stream("held")).isEmpty();
        assertThat(env.stores.segments().list("held/")).isEmpty();
    }

    @Test
    void partitionsShowHeadsOwnersTailEndpointsAndConsumerLag() throws Exception {
        env.streams.create("orders", 2, null);
        env.streams.commit("orders", 0, Orders.texts(0, 10));
        env.streams.commit("orders", 1, Orders.texts(0, 3));
        env.manifest.putConsumerPosition("orders", "billing", Map.of(0, 4L), Duration.ofMinutes(1));
        try (PartitionClaim writer =
                env.manifest.acquire("orders", 0, "job-1/writer-0", Duration.ofSeconds(30))) {
            writer.advertise("127.0.0.1:4567", "/var/floe/wal/orders/00000", "4242@host-a #1");

            CliRun run = env.floe("partitions", "orders");

            assertThat(run.exit()).as(run.err()).isZero();
            List<String> lines = run.outLines();
            assertThat(lines.get(0)).startsWith("PARTITION  HEAD  EPOCH  OWNER");
            assertThat(lines.get(1))
                    .matches(
                            "0 +10 +"
                                    + writer.epoch()
                                    + " +job-1/writer-0 \\(epoch "
                                    + writer.epoch()
                                    + "\\) +127\\.0\\.0\\.1:4567 +test-.*");
            assertThat(lines.get(2)).matches("1 +3 +1 +\\(none\\) +- +test-1-0");
            assertThat(lines)
                    .contains("CONSUMER  PARTITION  POSITION  HEAD  LAG")
                    .anyMatch(l -> l.matches("billing +0 +4 +10 +6"))
                    .anyMatch(l -> l.matches("billing +1 +- +3 +-"));
        }
    }

    @Test
    void objectsListsTheCommittedObjectsOnly() throws Exception {
        env.streams.create("orders", 2, Orders.SCHEMA);
        ObjectDescriptor s0 = env.streams.commit("orders", 0, Orders.orders(0, 10));
        env.streams.commit("orders", 0, Orders.orders(10, 10));
        ObjectDescriptor parquet = env.streams.tier("orders", 0, Duration.ofHours(1)).get(0);
        ObjectDescriptor s1 = env.streams.commit("orders", 1, Orders.orders(20, 5));
        ObjectDescriptor orphan = env.streams.orphanSegment("orders", 1, Orders.orders(25, 5));

        CliRun all = env.floe("objects", "orders");

        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out())
                .contains(parquet.key())
                .contains(s1.key())
                .doesNotContain(s0.key())
                .doesNotContain(orphan.key());
        assertThat(all.outLines().get(1))
                .matches("0 +parquet +0 +20 +20 +" + parquet.sizeBytes() + " .*");
        assertThat(all.outLines().get(2)).matches("1 +segment +0 +5 +5 +" + s1.sizeBytes() + " .*");
        assertThat(all.outLines())
                .last()
                .asString()
                .startsWith(
                        "2 committed objects, "
                                + (parquet.sizeBytes() + s1.sizeBytes())
                                + " bytes");

        CliRun one = env.floe("objects", "orders", "--partition", "1");
        assertThat(one.out()).contains(s1.key()).doesNotContain(parquet.key());
    }

    @Test
    void dumpPrintsRecordsReadably() throws Exception {
        env.streams.create("orders", 1, Orders.SCHEMA);
        env.streams.commit("orders", 0, Orders.orders(0, 10));
        env.streams.tier("orders", 0, Duration.ofHours(1));
        env.streams.commit("orders", 0, Orders.orders(10, 10));

        CliRun run = env.floe("dump", "orders", "--partition", "0", "--from", "8", "--limit", "4");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(4);
        assertThat(run.outLines().get(0))
                .isEqualTo(
                        "8  2026-09-21T14:13:20.008Z  key=\"order-8\"  value={\"order_id\": 8,"
                                + " \"customer\": \"c-8\", \"amount\": 8.5, \"currency\": \"GBP\","
                                + " \"event_time\": 1790000000008}");
        assertThat(run.outLines().get(3)).startsWith("11  ").contains("\"order_id\": 11");

        env.streams.create("raw", 1, null);
        env.streams.commit("raw", 0, Orders.texts(0, 2));
        env.streams.commit(
                "raw",
                0,
                List.of(
                        dev.floe.wal.record.WalRecord.of(
                                Orders.T0, new byte[] {0, 1, 2}, new byte[] {(byte) 0xff, 0x10})));
        CliRun raw = env.floe("dump", "raw", "--limit", "100");
        assertThat(raw.outLines())
                .containsExactly(
                        "0  2026-09-21T14:13:20Z  key=null  value=\"text-0\"",
                        "1  2026-09-21T14:13:20.001Z  key=null  value=\"text-1\"",
                        "2  2026-09-21T14:13:20Z  key=base64:AAEC  value=base64:/xA=");
        assertThat(raw.err()).contains("3 records; the committed end of raw/0 is 3");
    }

    @Test
    void badInputAndUnreachableEndpointsFailWithOneLine() throws Exception {
        env.streams.create("orders", 2, null);
        env.streams.commit("orders", 0, Orders.texts(0, 5));

        assertOneLineError(
                env.floe("dump", "missing"), "floe: stream missing does not exist in etcd ");
        assertOneLineError(
                env.floe("partitions", "missing"), "floe: stream missing does not exist");
        assertOneLineError(
                env.floe("dump", "orders", "--from", "6"),
                "floe: offset 6 is outside orders/0: committed offsets are 0..4 (committed end 5)");
        assertOneLineError(
                env.floe("dump", "orders", "--from", "-1"), "floe: offset -1 is outside orders/0");
        assertOneLineError(
                env.floe("dump", "orders", "--partition", "2"),
                "floe: stream orders has partitions 0..1, not 2");
        assertOneLineError(
                env.floe("objects", "orders", "--partition", "-1"),
                "floe: stream orders has partitions 0..1, not -1");
        assertThat(env.floe("dump", "orders", "--from", "x").exit()).isEqualTo(2);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun s3 =
                CliRun.run(
                        Map.of(),
                        List.of(
                                "--etcd",
                                ETCD.endpoint(),
                                "--s3-endpoint",
                                "http://127.0.0.1:" + closedPort,
                                "--bucket",
                                env.bucket,
                                "--access-key",
                                "a",
                                "--secret-key",
                                "b"),
                        "streams");
        assertOneLineError(s3, "floe: ");
        assertThat(s3.err())
                .contains("127.0.0.1:" + closedPort)
                .contains("(connection from flags)");

        CliRun etcd =
                CliRun.run(
                        Map.of(),
                        List.of(
                                "--etcd",
                                "http://127.0.0.1:" + closedPort,
                                "--local-path",
                                tmp.toString()),
                        "streams",
                        "--timeout",
                        "2s");
        assertOneLineError(etcd, "floe: cannot reach etcd at http://127.0.0.1:" + closedPort);

        CliRun verbose = env.floe("dump", "missing", "--verbose");
        assertThat(verbose.exit()).isEqualTo(2);
        assertThat(verbose.err()).contains("at dev.floe.cli.");
    }

    @Test
    void presignsAnS3ObjectForAPlainHttpGet() throws Exception {
        env.streams.create("orders", 1, null);
        ObjectDescriptor o = env.streams.commit("orders", 0, Orders.texts(0, 50));

        CliRun run = env.floe("presign", "orders", o.key(), "--expires", "5m");

        assertThat(run.exit()).as(run.err()).isZero();
        String url = run.out().strip();
        assertThat(url)
                .startsWith(S3.endpoint() + "/" + env.bucket + "/" + o.key())
                .contains("X-Amz-Expires=300");
        HttpResponse<byte[]> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url)).GET().build(),
                                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo(env.stores.segments().read(o.key(), 0, (int) o.sizeBytes()));

        assertOneLineError(
                env.floe("presign", "orders", "orders/00000/segments/nope.seg"),
                "floe: there is no object orders/00000/segments/nope.seg in s3://" + env.bucket);
        assertOneLineError(
                env.floe("presign", "orders", "other/0/x.seg"),
                "floe: object key other/0/x.seg is not under stream orders");
        assertOneLineError(
                env.floe("presign", "orders", o.key(), "--expires", "8d"),
                "floe: --expires must be between 1s and 7d");
    }

    @Test
    void readsConnectionSettingsFromTheEnvironmentAndTheEndpointsFile() throws Exception {
        env.streams.create("from-env", 1, null);
        Path file = tmp.resolve("endpoints.env");
        Files.writeString(
                file,
                "# written by the local stack\n"
                        + "export FLOE_ETCD_ENDPOINTS="
                        + ETCD.endpoint()
                        + "\n"
                        + "FLOE_S3_ENDPOINT=\""
                        + S3.endpoint()
                        + "\"\n"
                        + "FLOE_S3_BUCKET="
                        + env.bucket
                        + "\n"
                        + "FLOE_S3_ACCESS_KEY="
                        + S3.accessKey()
                        + "\n"
                        + "FLOE_S3_SECRET_KEY='"
                        + S3.secretKey()
                        + "'\n",
                StandardCharsets.UTF_8);
        ByteArrayRun run =
                ByteArrayRun.of(
                        Map.of(
                                "FLOE_ENV_FILE",
                                file.toString(),
                                "FLOE_ETCD_NAMESPACE",
                                env.namespace),
                        "streams");
        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.out).contains("from-env");

        ByteArrayRun missing =
                ByteArrayRun.of(
                        Map.of("FLOE_ENV_FILE", tmp.resolve("nope.env").toString()), "streams");
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err)
                .contains("endpoints file " + tmp.resolve("nope.env") + " does not exist");
    }

    private static void assertOneLineError(CliRun run, String prefix) {
        assertThat(run.exit()).as(run.out()).isEqualTo(2);
        assertThat(run.err())
                .startsWith(prefix)
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
        assertThat(run.err().lines().filter(l -> l.startsWith("floe:")).count()).isEqualTo(1);
    }

    /** A run without the test's own flags, so only the environment names the stores. */
    private record ByteArrayRun(int exit, String out, String err) {
        static ByteArrayRun of(Map<String, String> environment, String... args) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            int exit =
                    FloeCli.run(
                            new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                            new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
                            environment,
                            args);
            return new ByteArrayRun(
                    exit,
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        }
    }
}
