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

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Gives every unary gRPC call a deadline, so a request that waits for a lost connection is
 * cancelled on the wire instead of being sent late. Streams (watch, keep-alive) are left alone.
 * Immutable and thread-safe.
 */
final class UnaryDeadlineInterceptor implements ClientInterceptor {

    private final long timeoutMillis;

    UnaryDeadlineInterceptor(Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
            MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        if (method.getType() == MethodDescriptor.MethodType.UNARY
                && options.getDeadline() == null) {
            options = options.withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS);
        }
        return next.newCall(method, options);
    }
}
