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
package dev.floe.wal.manifest.etcd;

import dev.floe.wal.manifest.kv.KvLeaseKeeper;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one etcd lease alive through jetcd's keep-alive stream. The lease counts as alive while a
 * renewal arrived within its ttl and etcd has not reported it gone; connection errors alone do not
 * end it (jetcd reconnects), the ttl running out does. Thread-safe.
 */
final class EtcdLeaseKeeper implements KvLeaseKeeper, StreamObserver<LeaseKeepAliveResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdLeaseKeeper.class);

    private final String store;
    private final long leaseId;
    private volatile long deadlineNanos;
    private volatile boolean lost;
    private volatile boolean closed;
    private volatile CloseableClient stream;

    EtcdLeaseKeeper(String store, long leaseId, long ttlMillis) {
        this.store = store;
        this.leaseId = leaseId;
        this.deadlineNanos = System.nanoTime() + ttlMillis * 1_000_000;
    }

    void attach(CloseableClient keepAliveStream) {
        this.stream = keepAliveStream;
        if (closed) {
            keepAliveStream.close();
        }
    }

    @Override
    public boolean isAlive() {
        return !closed && !lost && System.nanoTime() - deadlineNanos < 0;
    }

    @Override
    public void onNext(LeaseKeepAliveResponse response) {
        if (response.getTTL() > 0) {
            deadlineNanos = System.nanoTime() + response.getTTL() * 1_000_000_000L;
        }
    }

    @Override
    public void onError(Throwable t) {
        if (t instanceof EtcdException e && e.getErrorCode() == ErrorCode.NOT_FOUND) {
            markLost("etcd no longer has it (expired or revoked)");
        } else if (!closed) {
            LOG.debug("{}: keep-alive of lease {} interrupted: {}", store, leaseId, t.toString());
        }
    }

    @Override
    public void onCompleted() {
        markLost("no renewal arrived within its ttl");
    }

    private void markLost(String why) {
        if (!lost && !closed) {
            LOG.warn("{}: lease {} lost: {}", store, leaseId, why);
        }
        lost = true;
    }

    @Override
    public void close() {
        closed = true;
        CloseableClient s = stream;
        if (s != null) {
            s.close();
        }
    }
}
