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
package dev.floe.wal.manifest.embedded;

import dev.floe.wal.io.DaemonThreads;
import dev.floe.wal.manifest.ManifestException;
import dev.floe.wal.manifest.kv.KvCompare;
import dev.floe.wal.manifest.kv.KvEntry;
import dev.floe.wal.manifest.kv.KvEvent;
import dev.floe.wal.manifest.kv.KvLeaseKeeper;
import dev.floe.wal.manifest.kv.KvOp;
import dev.floe.wal.manifest.kv.KvRange;
import dev.floe.wal.manifest.kv.KvStore;
import dev.floe.wal.manifest.kv.KvTxnResult;
import dev.floe.wal.manifest.kv.KvUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KvStore} in one process, kept in memory and written to a directory after every change
 * (see {@link EmbeddedSnapshotFile}). Same compare-and-set semantics as etcd; leases expire by an
 * injectable clock, checked on every call and by a background sweeper; watches are delivered on one
 * dispatcher thread in revision order. One process per directory. Thread-safe.
 *
 * <p>Sized for development and single-node use: every change rewrites the whole snapshot.
 */
public final class EmbeddedKvStore implements KvStore {

    /** How often expired leases are swept when nobody calls the store: 250 ms. */
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKvStore.class);
    private static final int HISTORY_EVENTS = 10_000;

    private final EmbeddedSnapshotFile file;
    private final Clock clock;
    private final String description;
    private final Object lock = new Object();
    private final TreeMap<String, KvEntry> entries = new TreeMap<>(KvRange.KEY_ORDER);
    private final Map<Long, LeaseState> leases = new HashMap<>();
    private final ArrayDeque<KvEvent> history = new ArrayDeque<>();
    private final List<Watch> watches = new ArrayList<>();
    private final ExecutorService dispatcher;
    private final ScheduledExecutorService sweeper;
    private long revision;
    private long nextLeaseId;
    private long historyStart;
    private boolean closed;
    private String failure;

    private EmbeddedKvStore(
            EmbeddedSnapshotFile file, EmbeddedSnapshot snapshot, Clock clock, Duration sweep) {
        this.file = file;
        this.clock = clock;
        this.description = "embedded manifest at " + file.dir();
        for (KvEntry e : snapshot.entries()) {
            entries.put(e.key(), e);
        }
        for (EmbeddedSnapshot.Lease l : snapshot.leases()) {
            leases.put(l.id(), new LeaseState(l.id(), l.ttlMillis(), l.expiresAtMillis()));
        }
        this.revision = snapshot.revision();
        this.nextLeaseId = snapshot.nextLeaseId();
        this.historyStart = revision + 1;
        this.dispatcher =
                Executors.newSingleThreadExecutor(DaemonThreads.named("floe-manifest-watch"));
        this.sweeper =
                Executors.newSingleThreadScheduledExecutor(
                        DaemonThreads.named("floe-manifest-leases"));
        sweeper.scheduleWithFixedDelay(
                this::sweep, sweep.toMillis(), sweep.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Opens (or creates) the store in {@code dir}, failing if another process has it open. */
    public static EmbeddedKvStore open(Path dir, Clock clock, Duration sweepInterval) {
        EmbeddedSnapshotFile file;
        try {
            file = EmbeddedSnapshotFile.open(dir);
        } catch (IOException e) {
            throw new ManifestException(
                    "cannot open embedded manifest at " + dir + ": " + e.getMessage(), e);
        }
        try {
            return new EmbeddedKvStore(file, file.load(), clock, sweepInterval);
        } catch (IOException | RuntimeException e) {
            closeQuietly(file);
            throw new ManifestException(
                    "cannot read embedded manifest at "
                            + dir
                            + ": "
                            + e.getMessage()
                            + " (restore "
                            + EmbeddedSnapshotFile.SNAPSHOT
                            + " from a backup or start with an empty directory)",
                    e);
        }
    }

    @Override
    public List<KvEntry> range(KvRange range) {
        synchronized (lock) {
            checkUsable();
            expireLeases();
            return read(range);
        }
    }

    @Override
    public KvTxnResult txn(List<KvCompare> compares, List<KvOp> ifTrue, List<KvOp> ifFalse) {
        synchronized (lock) {
            checkUsable();
            checkBranch(compares.size(), ifTrue);
            checkBranch(compares.size(), ifFalse);
            expireLeases();
            boolean succeeded = compares.stream().allMatch(c -> c.holds(entries.get(c.key())));
            List<KvOp> ops = succeeded ? ifTrue : ifFalse;
            for (KvOp op : ops) {
                if (op instanceof KvOp.Put put
                        && put.lease() != 0
                        && !leases.containsKey(put.lease())) {
                    throw new ManifestException(
                            describe()
                                    + ": lease "
                                    + put.lease()
                                    + " of key "
                                    + put.key()
                                    + " not found (expired or revoked)");
                }
            }
            List<KvEvent> events = new ArrayList<>();
            List<List<KvEntry>> reads = new ArrayList<>();
            long next = revision + 1;
            for (KvOp op : ops) {
                if (op instanceof KvOp.Put put) {
                    KvEntry old = entries.get(put.key());
                    KvEntry e =
                            new KvEntry(
                                    put.key(),
                                    put.value().clone(),
                                    old == null ? next : old.createRevision(),
                                    next,
                                    old == null ? 1 : old.version() + 1,
                                    put.lease());
                    entries.put(e.key(), e);
                    events.add(
                            new KvEvent(KvEvent.Type.PUT, e.key(), e.value(), next, e.version()));
                } else if (op instanceof KvOp.Delete delete) {
                    if (entries.remove(delete.key()) != null) {
                        events.add(deleted(delete.key(), next));
                    }
                } else if (op instanceof KvOp.Get get) {
                    reads.add(read(get.range()));
                }
            }
            commit(events);
            return new KvTxnResult(succeeded, revision, reads);
        }
    }

    @Override
    public long grantLease(Duration ttl) {
        synchronized (lock) {
            checkUsable();
            long id = nextLeaseId++;
            long ttlMillis = Math.max(1, ttl.toMillis());
            leases.put(id, new LeaseState(id, ttlMillis, clock.millis() + ttlMillis));
            commit(List.of());
            return id;
        }
    }

    @Override
    public KvLeaseKeeper keepAlive(long leaseId, Duration ttl) {
        synchronized (lock) {
            checkUsable();
            expireLeases();
            LeaseState lease = leases.get(leaseId);
            if (lease == null) {
                throw new ManifestException(
                        describe() + ": lease " + leaseId + " not found (expired or revoked)");
            }
            lease.keepers++;
            lease.expiresAt = clock.millis() + lease.ttlMillis;
            return new Keeper(lease);
        }
    }

    @Override
    public void revokeLease(long leaseId) {
        synchronized (lock) {
            checkUsable();
            if (leases.remove(leaseId) != null) {
                commit(deleteKeysOf(List.of(leaseId)));
            }
        }
    }

    @Override
    public long currentRevision() {
        synchronized (lock) {
            checkUsable();
            expireLeases();
            return revision;
        }
    }

    @Override
    public AutoCloseable watch(String prefix, long fromRevision, Consumer<KvEvent> listener) {
        synchronized (lock) {
            checkUsable();
            if (fromRevision < historyStart) {
                throw new ManifestException(
                        describe()
                                + ": cannot watch "
                                + prefix
                                + " from revision "
                                + fromRevision
                                + ", the oldest revision kept is "
                                + historyStart
                                + "; watch from the current revision");
            }
            Watch watch = new Watch(prefix, listener);
            for (KvEvent e : history) {
                if (e.revision() >= fromRevision) {
                    watch.offer(e);
                }
            }
            watches.add(watch);
            return () -> {
                synchronized (lock) {
                    watch.closed = true;
                    watches.remove(watch);
                }
            };
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        sweeper.shutdownNow();
        dispatcher.shutdown();
        try {
            if (!dispatcher.awaitTermination(5, TimeUnit.SECONDS)) {
                dispatcher.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dispatcher.shutdownNow();
        }
        closeQuietly(file);
    }

    private List<KvEntry> read(KvRange range) {
        if (range.isSingleKey()) {
            KvEntry e = entries.get(range.from());
            return e == null ? List.of() : List.of(view(e, range));
        }
        if (KvRange.compareKeys(range.from(), range.toExclusive()) >= 0) {
            return List.of();
        }
        NavigableMap<String, KvEntry> sub =
                entries.subMap(range.from(), true, range.toExclusive(), false);
        if (range.descending()) {
            sub = sub.descendingMap();
        }
        List<KvEntry> out = new ArrayList<>();
        for (KvEntry e : sub.values()) {
            if (range.limit() > 0 && out.size() >= range.limit()) {
                break;
            }
            out.add(view(e, range));
        }
        return out;
    }

    private static KvEntry view(KvEntry e, KvRange range) {
        byte[] value = range.keysOnly() ? new byte[0] : e.value().clone();
        return new KvEntry(
                e.key(), value, e.createRevision(), e.modRevision(), e.version(), e.lease());
    }

    private void checkBranch(int compares, List<KvOp> ops) {
        if (compares > MAX_TXN_OPS || ops.size() > MAX_TXN_OPS) {
            throw new ManifestException(
                    describe()
                            + ": too many operations in a transaction ("
                            + Math.max(compares, ops.size())
                            + ", at most "
                            + MAX_TXN_OPS
                            + ")");
        }
        Set<String> written = new HashSet<>();
        for (KvOp op : ops) {
            if (!(op instanceof KvOp.Get) && !written.add(op.key())) {
                throw new ManifestException(
                        describe()
                                + ": a transaction writes key "
                                + op.key()
                                + " twice, which etcd rejects");
            }
        }
    }

    private void sweep() {
        try {
            synchronized (lock) {
                if (!closed && failure == null) {
                    expireLeases();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: expiring leases failed", describe(), e);
        }
    }

    private void expireLeases() {
        long now = clock.millis();
        List<Long> expired = new ArrayList<>();
        for (LeaseState lease : leases.values()) {
            if (lease.keepers > 0) {
                lease.expiresAt = now + lease.ttlMillis;
            } else if (lease.expiresAt <= now) {
                expired.add(lease.id);
            }
        }
        if (!expired.isEmpty()) {
            expired.forEach(leases::remove);
            commit(deleteKeysOf(expired));
        }
    }

    private List<KvEvent> deleteKeysOf(List<Long> leaseIds) {
        List<KvEvent> events = new ArrayList<>();
        var it = entries.values().iterator();
        while (it.hasNext()) {
            KvEntry e = it.next();
            if (e.lease() != 0 && leaseIds.contains(e.lease())) {
                it.remove();
                events.add(deleted(e.key(), revision + 1));
            }
        }
        return events;
    }

    private static KvEvent deleted(String key, long revision) {
        return new KvEvent(KvEvent.Type.DELETE, key, new byte[0], revision, 0);
    }

    /** Persists the state, then publishes {@code events} (all at revision + 1, if any). */
    private void commit(List<KvEvent> events) {
        if (!events.isEmpty()) {
            revision++;
        }
        List<EmbeddedSnapshot.Lease> leaseList = new ArrayList<>();
        for (LeaseState l : leases.values()) {
            leaseList.add(new EmbeddedSnapshot.Lease(l.id, l.ttlMillis, l.expiresAt));
        }
        EmbeddedSnapshot snapshot =
                new EmbeddedSnapshot(
                        EmbeddedSnapshot.CURRENT_FORMAT,
                        revision,
                        nextLeaseId,
                        new ArrayList<>(entries.values()),
                        leaseList);
        try {
            file.save(snapshot);
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
            throw new KvUnavailableException(
                    describe()
                            + ": writing the manifest failed ("
                            + e.getMessage()
                            + "); the store refuses further calls: close and reopen it",
                    e);
        }
        for (KvEvent e : events) {
            history.addLast(e);
            if (history.size() > HISTORY_EVENTS) {
                historyStart = history.removeFirst().revision() + 1;
            }
            for (Watch w : watches) {
                if (e.key().startsWith(w.prefix)) {
                    w.offer(e);
                }
            }
        }
    }

    private void checkUsable() {
        if (closed) {
            throw new ManifestException(describe() + " is closed");
        }
        if (failure != null) {
            throw new ManifestException(
                    describe()
                            + " failed earlier ("
                            + failure
                            + ") and refuses further calls: close and reopen it");
        }
    }

    private static void closeQuietly(EmbeddedSnapshotFile file) {
        try {
            file.close();
        } catch (IOException e) {
            LOG.warn("closing embedded manifest at {} failed", file.dir(), e);
        }
    }

    /** A lease's mutable state; guarded by the store's lock. */
    private static final class LeaseState {
        final long id;
        final long ttlMillis;
        long expiresAt;
        int keepers;

        LeaseState(long id, long ttlMillis, long expiresAt) {
            this.id = id;
            this.ttlMillis = ttlMillis;
            this.expiresAt = expiresAt;
        }
    }

    /** One watcher; events reach it on the dispatcher thread in the order they were offered. */
    private final class Watch {
        final String prefix;
        final Consumer<KvEvent> listener;
        volatile boolean closed;

        Watch(String prefix, Consumer<KvEvent> listener) {
            this.prefix = prefix;
            this.listener = listener;
        }

        void offer(KvEvent event) {
            dispatcher.execute(
                    () -> {
                        if (closed) {
                            return;
                        }
                        try {
                            listener.accept(event);
                        } catch (RuntimeException e) {
                            LOG.warn("{}: a watch listener on {} failed", describe(), prefix, e);
                        }
                    });
        }
    }

    /** Keeps one lease alive while open: every expiry check renews it. */
    private final class Keeper implements KvLeaseKeeper {
        private final LeaseState lease;
        private boolean closedKeeper;

        Keeper(LeaseState lease) {
            this.lease = lease;
        }

        @Override
        public boolean isAlive() {
            synchronized (lock) {
                return !closed && !closedKeeper && leases.get(lease.id) == lease;
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (!closedKeeper) {
                    closedKeeper = true;
                    lease.keepers--;
                }
            }
        }
    }
}
