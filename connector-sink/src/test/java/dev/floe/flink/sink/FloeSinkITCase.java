package dev.floe.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floe.flink.sink.testing.FloeTestStores;
import dev.floe.flink.sink.testing.InjectedFailures;
import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.testing.EtcdExtension;
import dev.floe.wal.testing.S3ProxyExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** FloeSink in a Flink MiniCluster against a real etcd and S3 server. */
class FloeSinkITCase {

    @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
    @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    @TempDir Path wal;

    private FloeTestStores floe;

    @BeforeEach
    void open() throws Exception {
        floe = new FloeTestStores(ETCD, S3);
    }

    @AfterEach
    void close() throws Exception {
        floe.close();
    }

    @Test
    void aBoundedJobEndsWithEverythingCommittedAndTiered() throws Exception {
        int records = 20_000;
        StreamExecutionEnvironment env = environment(2, 100);
        env.fromSequence(0, records - 1)
                .map(String::valueOf)
                .sinkTo(
                        floe.connect(FloeSink.<String>builder()).stream("bounded")
                                .partitions(4)
                                .serializer(FloeRecordSerializers.strings())
                                .walDirectory(wal.toString())
                                .build());
        env.execute("bounded");

        assertExactlyOnceInOrder("bounded", records);
        for (int p = 0; p < 4; p++) {
            assertThat(floe.objects("bounded", p))
                    .isNotEmpty()
                    .allMatch(o -> o.kind() == ObjectDescriptor.Kind.PARQUET);
        }
    }

    @Test
    void recordsAreCommittedExactlyOnceAcrossRandomFailures() throws Exception {
        for (int run = 0; run < 3; run++) {
            String stream = "failures-" + run;
            InjectedFailures failures = InjectedFailures.random(3, 60_000);
            runWithFailures(stream, failures, false);
            assertExactlyOnceInOrder(stream, 60_000);
            assertThat(failures.injected()).as(failures.toString()).isEqualTo(3);
        }
    }

    @Test
    void recordsAreCommittedExactlyOnceWhenTheWalDirectoryIsLost() throws Exception {
        InjectedFailures failures = InjectedFailures.random(2, 60_000);
        runWithFailures("lost-disk", failures, true);
        assertExactlyOnceInOrder("lost-disk", 60_000);
        assertThat(failures.injected()).as(failures.toString()).isEqualTo(2);
    }

    private void runWithFailures(String stream, InjectedFailures failures, boolean loseWal)
            throws Exception {
        StreamExecutionEnvironment env = environment(2, 100);
        env.fromSequence(0, 59_999)
                .map(failures.mapper(loseWal ? wal : null))
                .sinkTo(
                        floe.connect(FloeSink.<String>builder()).stream(stream)
                                .partitions(4)
                                .serializer(FloeRecordSerializers.strings())
                                .walDirectory(wal.toString())
                                .tiering(MemorySize.parse("256kb"), Duration.ofSeconds(1))
                                .set(FloeSinkOptions.TIER_INTERVAL, Duration.ofMillis(200))
                                .build());
        env.execute(stream);
    }

    private StreamExecutionEnvironment environment(int parallelism, long checkpointMillis) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(50));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(checkpointMillis);
        return env;
    }

    /**
     * Every number below {@code records} is committed exactly once, and each partition holds the
     * numbers of one source split, so they increase.
     */
    private void assertExactlyOnceInOrder(String stream, int records) throws Exception {
        Set<Long> seen = new HashSet<>();
        List<Long> duplicates = new ArrayList<>();
        for (int p = 0; p < floe.partitions(stream); p++) {
            long last = -1;
            for (String value : floe.committedValues(stream, p)) {
                long v = Long.parseLong(value);
                assertThat(v).as("partition %d: %d after %d", p, v, last).isGreaterThan(last);
                last = v;
                if (!seen.add(v)) {
                    duplicates.add(v);
                }
            }
        }
        assertThat(duplicates).as("duplicates").isEmpty();
        assertThat(seen).hasSize(records);
    }
}
