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

import dev.floe.wal.io.DaemonThreads;
import dev.floe.wal.manifest.ManifestException;
import dev.floe.wal.manifest.ManifestKeys;
import dev.floe.wal.manifest.kv.KvCompare;
import dev.floe.wal.manifest.kv.KvEntry;
import dev.floe.wal.manifest.kv.KvEvent;
import dev.floe.wal.manifest.kv.KvLeaseKeeper;
import dev.floe.wal.manifest.kv.KvOp;
import dev.floe.wal.manifest.kv.KvRange;
import dev.floe.wal.manifest.kv.KvStore;
import dev.floe.wal.manifest.kv.KvTxnResult;
import dev.floe.wal.manifest.kv.KvUnavailableException;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.grpc.Status;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KvStore} on an etcd cluster through jetcd. Every unary call is bounded by the request
 * timeout (a gRPC deadline, so a late request is cancelled rather than sent); a timeout or a lost
 * connection is a {@link KvUnavailableException}. Owns its client and threads and closes them on
 * {@link #close()}. Thread-safe.
 */
public final class EtcdKvStore implements KvStore {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdKvStore.class);
    private static final long BACKSTOP_MILLIS = 1_000;

    private final Client client;
    private final ExecutorService executor;
    private final ExecutorService dispatcher;
    private final Duration timeout;
    private final String description;
    // Read to probe the connection and the revision: inside the namespace, so a role limited to
    // the namespace may read it.
    private final ByteSequence probeKey;

    private EtcdKvStore(
            Client client,
            ExecutorService executor,
            ExecutorService dispatcher,
            Duration timeout,
            String description,
            String probeKey) {
        this.client = client;
        this.executor = executor;
        this.dispatcher = dispatcher;
        this.timeout = timeout;
        this.description = description;
        this.probeKey = bytes(probeKey);
    }

    /** Connects and checks that etcd answers within the connect timeout. */
    public static EtcdKvStore connect(EtcdManifestConfig config) {
        String endpoints =
                config.endpoints().stream().map(URI::toString).collect(Collectors.joining(","));
        String description = "etcd " + endpoints + " namespace " + config.namespace();
        // First: a bad file fails with its option's name, before any thread or connection.
        SslContext tls = config.usesTls() ? EtcdTls.sslContext(config.tls().orElse(null)) : null;
        ExecutorService executor =
                Executors.newCachedThreadPool(DaemonThreads.numbered("floe-etcd-"));
        ExecutorService dispatcher =
                Executors.newSingleThreadExecutor(DaemonThreads.numbered("floe-etcd-watch-"));
        ClientBuilder builder =
                Client.builder()
                        .endpoints(config.endpoints())
                        .connectTimeout(config.connectTimeout())
                        .executorService(executor)
                        .retryMaxDuration(config.requestTimeout())
                        .maxInboundMessageSize(config.maxResponseBytes())
                        .interceptor(new UnaryDeadlineInterceptor(config.requestTimeout()));
        if (config.user() != null) {
            builder.user(bytes(config.user())).password(bytes(config.password()));
        }
        if (tls != null) {
            builder.sslContext(tls);
        }
        Client client = null;
        try {
            client = builder.build();
            EtcdKvStore store =
                    new EtcdKvStore(
                            client,
                            executor,
                            dispatcher,
                            config.requestTimeout(),
                            description,
                            new ManifestKeys(config.namespace()).streamsPrefix());
            store.checkReachable(config.connectTimeout());
            return store;
        } catch (RuntimeException e) {
            if (client != null) {
                client.close();
            }
            executor.shutdownNow();
            dispatcher.shutdownNow();
            throw new ManifestException(openFailure(config, endpoints, e), e);
        }
    }

    /** One line saying why etcd could not be used, and what to check. */
    private static String openFailure(EtcdManifestConfig config, String endpoints, Throwable e) {
        if (config.usesTls()) {
            Optional<String> tls = EtcdTls.failure(config, e);
            if (tls.isPresent()) {
                return tls.get();
            }
        }
        Status.Code code = Status.Code.OK;
        for (Throwable t = e; t != null && code == Status.Code.OK; t = t.getCause()) {
            Status.Code c = Status.fromThrowable(t).getCode();
            code = c == Status.Code.UNKNOWN ? Status.Code.OK : c;
        }
        String user = config.user() == null ? "(none)" : config.user();
        if (code == Status.Code.UNAUTHENTICATED
                || String.valueOf(e.getMessage()).contains("authentication failed")) {
            return "etcd at "
                    + endpoints
                    + " refused the credentials of user "
                    + user
                    + ": check the etcd user and password";
        }
        if (code == Status.Code.PERMISSION_DENIED) {
            return "etcd at "
                    + endpoints
                    + " denies user "
                    + user
                    + " access to "
                    + new ManifestKeys(config.namespace()).namespacePrefix()
                    + ": grant its role readwrite on that prefix (etcdctl role grant-permission"
                    + " --prefix=true ROLE readwrite PREFIX)";
        }
        return "cannot reach etcd at "
                + endpoints
                + " within "
                + config.connectTimeout().toMillis()
                + " ms ("
                + e.getMessage()
                + "): check that etcd is running there and reachable from this host";
    }

    private void checkReachable(Duration within) {
        CompletableFuture<GetResponse> probe =
                client.getKVClient().get(probeKey, GetOption.builder().withCountOnly(true).build());
        try {
            probe.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ManifestException("interrupted", e);
        } catch (TimeoutException e) {
            probe.cancel(true);
            throw new ManifestException("no answer", e);
        } catch (ExecutionException e) {
            throw new ManifestException(summary(e.getCause()), e.getCause());
        }
    }

    @Override
    public List<KvEntry> range(KvRange range) {
        GetResponse response =
                await(client.getKVClient().get(bytes(range.from()), option(range)), "read", range);
        return entries(response.getKvs());
    }

    @Override
    public KvTxnResult txn(List<KvCompare> compares, List<KvOp> ifTrue, List<KvOp> ifFalse) {
        TxnResponse response =
                await(
                        client.getKVClient()
                                .txn()
                                .If(compares.stream().map(EtcdKvStore::cmp).toArray(Cmp[]::new))
                                .Then(ifTrue.stream().map(EtcdKvStore::op).toArray(Op[]::new))
                                .Else(ifFalse.stream().map(EtcdKvStore::op).toArray(Op[]::new))
                                .commit(),
                        "transaction",
                        firstKey(compares, ifTrue));
        List<List<KvEntry>> reads = new ArrayList<>();
        for (GetResponse get : response.getGetResponses()) {
            reads.add(entries(get.getKvs()));
        }
        return new KvTxnResult(response.isSucceeded(), response.getHeader().getRevision(), reads);
    }

    @Override
    public long grantLease(Duration ttl) {
        long seconds = Math.max(1, (ttl.toMillis() + 999) / 1000);
        return await(client.getLeaseClient().grant(seconds), "lease grant", "ttl " + ttl).getID();
    }

    @Override
    public KvLeaseKeeper keepAlive(long leaseId, Duration ttl) {
        EtcdLeaseKeeper keeper = new EtcdLeaseKeeper(description, leaseId, ttl.toMillis());
        keeper.attach(client.getLeaseClient().keepAlive(leaseId, keeper));
        return keeper;
    }

    @Override
    public void revokeLease(long leaseId) {
        try {
            await(client.getLeaseClient().revoke(leaseId), "lease revoke", "lease " + leaseId);
        } catch (ManifestException e) {
            if (!isNotFound(e.getCause())) {
                throw e;
            }
        }
    }

    @Override
    public long currentRevision() {
        return await(
                        client.getKVClient()
                                .get(probeKey, GetOption.builder().withCountOnly(true).build()),
                        "read",
                        "the current revision")
                .getHeader()
                .getRevision();
    }

    @Override
    public AutoCloseable watch(String prefix, long fromRevision, Consumer<KvEvent> listener) {
        WatchOption option =
                WatchOption.builder().isPrefix(true).withRevision(fromRevision).build();
        AtomicBoolean open = new AtomicBoolean(true);
        Watch.Watcher watcher =
                client.getWatchClient()
                        .watch(
                                bytes(prefix),
                                option,
                                Watch.listener(
                                        response -> deliver(response, open, listener),
                                        error ->
                                                LOG.warn(
                                                        "{}: watch on {} interrupted: {}",
                                                        description,
                                                        prefix,
                                                        error.toString())));
        return () -> {
            open.set(false);
            watcher.close();
        };
    }

    private void deliver(WatchResponse response, AtomicBoolean open, Consumer<KvEvent> listener) {
        for (WatchEvent event : response.getEvents()) {
            KeyValue kv = event.getKeyValue();
            boolean put = event.getEventType() == WatchEvent.EventType.PUT;
            KvEvent e =
                    new KvEvent(
                            put ? KvEvent.Type.PUT : KvEvent.Type.DELETE,
                            string(kv.getKey()),
                            put ? kv.getValue().getBytes() : new byte[0],
                            kv.getModRevision(),
                            put ? kv.getVersion() : 0);
            try {
                dispatcher.execute(
                        () -> {
                            if (!open.get()) {
                                return;
                            }
                            try {
                                listener.accept(e);
                            } catch (RuntimeException ex) {
                                LOG.warn(
                                        "{}: a watch listener failed on {}",
                                        description,
                                        e.key(),
                                        ex);
                            }
                        });
            } catch (RejectedExecutionException closed) {
                return;
            }
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            dispatcher.shutdownNow();
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private <T> T await(CompletableFuture<T> future, String what, Object subject) {
        try {
            return future.get(timeout.toMillis() + BACKSTOP_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new KvUnavailableException(
                    description + ": " + what + " on " + subject + " interrupted", e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw unavailable(what, subject, e);
        } catch (ExecutionException | CompletionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (isUnavailable(cause)) {
                throw unavailable(what, subject, cause);
            }
            throw new ManifestException(
                    description + ": " + what + " on " + subject + " failed: " + summary(cause),
                    cause);
        }
    }

    private KvUnavailableException unavailable(String what, Object subject, Throwable cause) {
        return new KvUnavailableException(
                description
                        + ": "
                        + what
                        + " on "
                        + subject
                        + " got no answer within "
                        + timeout.toMillis()
                        + " ms ("
                        + summary(cause)
                        + "): check that etcd is running and reachable",
                cause);
    }

    /** The gRPC status and the first line of its description, without nested stack traces. */
    private static String summary(Throwable t) {
        if (t instanceof TimeoutException) {
            return "timed out";
        }
        Status status = Status.fromThrowable(t);
        String text = status.getDescription() != null ? status.getDescription() : t.getMessage();
        text = text == null ? "" : text.lines().findFirst().orElse("");
        if (text.length() > 160) {
            text = text.substring(0, 160) + "...";
        }
        return status.getCode() + (text.isEmpty() ? "" : ": " + text);
    }

    private static boolean isNotFound(Throwable t) {
        if (t instanceof EtcdException e) {
            return e.getErrorCode() == ErrorCode.NOT_FOUND;
        }
        return t != null && Status.fromThrowable(t).getCode() == Status.Code.NOT_FOUND;
    }

    private static boolean isUnavailable(Throwable t) {
        if (t instanceof EtcdException e) {
            return switch (e.getErrorCode()) {
                case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, UNKNOWN, ABORTED, INTERNAL -> true;
                default -> false;
            };
        }
        Status.Code code = Status.fromThrowable(t).getCode();
        return code != Status.Code.INVALID_ARGUMENT
                && code != Status.Code.FAILED_PRECONDITION
                && code != Status.Code.NOT_FOUND
                && code != Status.Code.PERMISSION_DENIED
                && code != Status.Code.UNAUTHENTICATED
                && code != Status.Code.RESOURCE_EXHAUSTED
                && code != Status.Code.OUT_OF_RANGE;
    }

    private static GetOption option(KvRange range) {
        GetOption.Builder b = GetOption.builder();
        if (!range.isSingleKey()) {
            b.withRange(bytes(range.toExclusive()));
        }
        if (range.limit() > 0) {
            b.withLimit(range.limit());
        }
        if (range.descending()) {
            b.withSortField(GetOption.SortTarget.KEY).withSortOrder(GetOption.SortOrder.DESCEND);
        }
        if (range.keysOnly()) {
            b.withKeysOnly(true);
        }
        return b.build();
    }

    private static Cmp cmp(KvCompare c) {
        CmpTarget<?> target =
                switch (c.target()) {
                    case VERSION -> CmpTarget.version(c.number());
                    case MOD_REVISION -> CmpTarget.modRevision(c.number());
                    case VALUE -> CmpTarget.value(ByteSequence.from(c.value()));
                };
        return new Cmp(bytes(c.key()), Cmp.Op.EQUAL, target);
    }

    private static Op op(KvOp op) {
        if (op instanceof KvOp.Put put) {
            PutOption option =
                    put.lease() == 0
                            ? PutOption.DEFAULT
                            : PutOption.builder().withLeaseId(put.lease()).build();
            return Op.put(bytes(put.key()), ByteSequence.from(put.value()), option);
        }
        if (op instanceof KvOp.Delete delete) {
            return Op.delete(bytes(delete.key()), DeleteOption.DEFAULT);
        }
        KvOp.Get get = (KvOp.Get) op;
        return Op.get(bytes(get.range().from()), option(get.range()));
    }

    private static String firstKey(List<KvCompare> compares, List<KvOp> ops) {
        if (!compares.isEmpty()) {
            return compares.get(0).key();
        }
        return ops.isEmpty() ? "(no keys)" : ops.get(0).key();
    }

    private static List<KvEntry> entries(List<KeyValue> kvs) {
        List<KvEntry> out = new ArrayList<>(kvs.size());
        for (KeyValue kv : kvs) {
            out.add(
                    new KvEntry(
                            string(kv.getKey()),
                            kv.getValue().getBytes(),
                            kv.getCreateRevision(),
                            kv.getModRevision(),
                            kv.getVersion(),
                            kv.getLease()));
        }
        return out;
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static String string(ByteSequence b) {
        return b.toString(StandardCharsets.UTF_8);
    }
}
