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
package dev.floe.flink.sink.testsuite;

import dev.floe.wal.testing.EtcdServer;
import dev.floe.wal.testing.S3ProxyServer;
import java.net.URI;
import org.apache.flink.connector.testframe.TestResource;

/**
 * The external system of Flink's connector test suites for Floe: one etcd and one S3Proxy process
 * on loopback ports, with one bucket, shared by every test case of a class (each case writes its
 * own stream). Started and stopped by the framework through {@link TestResource}; not thread-safe.
 */
public final class FloeSinkExternalSystem implements TestResource {

    private static final String BUCKET = "floe-sink-suite";

    private final String name;
    private EtcdServer etcd;
    private S3ProxyServer s3;

    /**
     * @param name names the servers' directories and logs, e.g. the test class
     */
    public FloeSinkExternalSystem(String name) {
        this.name = name;
    }

    @Override
    public void startUp() throws Exception {
        if (etcd == null) {
            etcd = EtcdServer.start(name);
        }
        if (s3 == null) {
            s3 = S3ProxyServer.start(name);
            s3.createBucket(BUCKET);
        }
    }

    @Override
    public void tearDown() {
        try {
            if (s3 != null) {
                s3.close();
            }
        } finally {
            s3 = null;
            if (etcd != null) {
                etcd.close();
            }
            etcd = null;
        }
    }

    public String etcdEndpoint() {
        return running(etcd).endpoint();
    }

    public URI s3Endpoint() {
        return running(s3).endpoint();
    }

    public String s3AccessKey() {
        return running(s3).accessKey();
    }

    public String s3SecretKey() {
        return running(s3).secretKey();
    }

    public String bucket() {
        return BUCKET;
    }

    private static <S> S running(S server) {
        if (server == null) {
            throw new IllegalStateException(
                    "The Floe test servers are not running: annotate the FloeSinkExternalSystem"
                            + " field with @TestExternalSystem so the framework starts it");
        }
        return server;
    }

    @Override
    public String toString() {
        return "etcd + S3Proxy";
    }
}
