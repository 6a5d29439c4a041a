package dev.floe.flink.source.testsuite;

import dev.floe.flink.sink.testsuite.FloeSinkExternalSystem;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;

/**
 * Creates one {@link FloeSourceExternalContext} per test case of Flink's source test suite, each
 * with a fresh stream on the shared etcd and S3 servers. Not thread-safe.
 */
public final class FloeSourceExternalContextFactory
        implements ExternalContextFactory<FloeSourceExternalContext> {

    private final FloeSinkExternalSystem system;
    private final int partitions;
    private int created;

    /**
     * @param partitions partitions of every stream: at least the most splits a suite case writes
     *     (4), since each split is a partition
     */
    public FloeSourceExternalContextFactory(FloeSinkExternalSystem system, int partitions) {
        this.system = system;
        this.partitions = partitions;
    }

    @Override
    public FloeSourceExternalContext createExternalContext(String testName) {
        return new FloeSourceExternalContext(system, streamName(testName, ++created), partitions);
    }

    /** A valid, unique stream name: letters, digits, '.', '_' and '-'. */
    private static String streamName(String testName, int index) {
        String base = testName.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        return "source-suite-" + base + "-" + index + "-" + Long.toHexString(System.nanoTime());
    }
}
