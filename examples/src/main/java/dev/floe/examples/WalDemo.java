package dev.floe.examples;

import dev.floe.wal.format.Header;
import dev.floe.wal.format.LoggedRecord;
import dev.floe.wal.format.WalRecord;
import dev.floe.wal.log.ReadLimit;
import dev.floe.wal.log.TailReader;
import dev.floe.wal.log.WalOptions;
import dev.floe.wal.log.WalStats;
import dev.floe.wal.log.WriteAheadLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The write-ahead log of one partition on local disk, shown end to end: a writer process appends
 * orders with group commit and is killed mid-stream; meanwhile this process tails the log; then it
 * recovers the log, checks that every acknowledged record survived, appends more, and reads
 * everything back. Usage: {@code WalDemo [directory] [writer-seconds]}.
 */
public final class WalDemo {

    private static final String WRITER = "--writer";
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "JPY", "CHF"};

    private WalDemo() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(WRITER)) {
            runWriter(Path.of(args[1]));
            return;
        }
        Path dir = Path.of(args.length > 0 ? args[0] : "floe-data/wal-demo/orders-0");
        int writerSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        new WalDemo().run(dir.toAbsolutePath(), writerSeconds);
    }

    static WalOptions options() {
        return WalOptions.builder().segmentBytes(32 * 1024 * 1024).build();
    }

    /** An order whose id is its offset, so the reader can check every record's content. */
    static WalRecord order(long id) {
        long customer = (id * 7919) % 1000;
        String value =
                String.format(
                        Locale.ROOT,
                        "{\"order\":%d,\"customer\":\"c-%d\",\"amount\":%d.%02d,\"currency\":\"%s\"}",
                        id,
                        customer,
                        5 + (id * 31) % 500,
                        id % 100,
                        CURRENCIES[(int) (id % CURRENCIES.length)]);
        return new WalRecord(
                1_700_000_000_000L + id,
                ("c-" + customer).getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8),
                List.of(Header.of("source", "wal-demo")));
    }

    /** The writer process: appends batches until killed, printing each durable end offset. */
    private static void runWriter(Path dir) {
        AtomicLong durable = new AtomicLong();
        try (WriteAheadLog log = WriteAheadLog.open(dir, options())) {
            log.addDurabilityListener(durable::set);
            long next = log.endOffset();
            long reported = -1;
            while (true) {
                List<WalRecord> batch = new ArrayList<>(500);
                for (int i = 0; i < 500; i++) {
                    batch.add(order(next++));
                }
                log.append(batch);
                long end = durable.get();
                if (end != reported) {
                    System.out.println("durable " + end);
                    System.out.flush();
                    reported = end;
                }
            }
        }
    }

    private void run(Path dir, int writerSeconds) throws Exception {
        deleteTree(dir);
        Files.createDirectories(dir);
        System.out.println("Floe WAL demo: one partition's write-ahead log in " + dir);
        System.out.println("1. A writer process appends orders (group commit, fsync every 2 ms).");
        System.out.println("   This process tails the log's durable records from outside it.");
        Process writer = startWriter(dir);
        AtomicLong acknowledged = new AtomicLong();
        Thread acks = followAcknowledgements(writer, acknowledged);
        long tailed = 0;
        List<LoggedRecord> batch;
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(writerSeconds).toNanos();
        try (TailReader reader = WriteAheadLog.openReader(dir, 0, ReadLimit.DURABLE, options())) {
            long nextReport = System.nanoTime();
            while (System.nanoTime() < deadline) {
                batch = reader.poll(10_000, Duration.ofMillis(50));
                verify(batch, tailed);
                tailed += batch.size();
                if (System.nanoTime() >= nextReport) {
                    System.out.printf(
                            Locale.ROOT,
                            "   writer: %,12d records durable | tail reader: %,12d records%n",
                            acknowledged.get(),
                            tailed);
                    nextReport += Duration.ofMillis(500).toNanos();
                }
            }
            System.out.println("2. Killing the writer mid-append (like kill -9 or a crash).");
            writer.destroyForcibly().waitFor();
            acks.join();
        }
        long lastAcknowledged = acknowledged.get();
        double writerSecondsRun = (System.nanoTime() - started) / 1e9;

        System.out.println(
                "3. Reopening the log: recovery validates checksums and cuts a torn tail.");
        long recoveredEnd;
        long appendedFrom;
        long total;
        WalStats stats;
        try (WriteAheadLog log = WriteAheadLog.open(dir, options())) {
            recoveredEnd = log.endOffset();
            if (recoveredEnd < lastAcknowledged) {
                throw new IllegalStateException(
                        "Lost acknowledged records: durable up to "
                                + lastAcknowledged
                                + " but recovered only up to "
                                + recoveredEnd);
            }
            System.out.println("4. Appending 1,000 more orders after recovery, then reading all.");
            List<WalRecord> more = new ArrayList<>();
            for (long id = recoveredEnd; id < recoveredEnd + 1000; id++) {
                more.add(order(id));
            }
            appendedFrom = log.append(more);
            log.sync();
            total = log.endOffset();
            try (TailReader reader = log.openReader(0, ReadLimit.DURABLE)) {
                long read = 0;
                while (read < total) {
                    batch = reader.poll(50_000, Duration.ofSeconds(5));
                    if (batch.isEmpty()) {
                        throw new IllegalStateException("read stalled at offset " + read);
                    }
                    verify(batch, read);
                    read += batch.size();
                }
            }
            stats = log.stats();
        }
        long bytes = directorySize(dir);
        System.out.println();
        System.out.println("Summary");
        row("directory", dir.toString());
        row(
                "writer",
                String.format(
                        Locale.ROOT,
                        "%,d records acknowledged durable in %.1f s before it was killed",
                        lastAcknowledged,
                        writerSecondsRun));
        row(
                "tail reader",
                String.format(Locale.ROOT, "%,d records read from another process", tailed));
        row(
                "recovery",
                String.format(
                        Locale.ROOT,
                        "log holds offsets [0, %,d): every acknowledged record survived",
                        recoveredEnd));
        row(
                "after recovery",
                String.format(
                        Locale.ROOT,
                        "appended offsets %,d..%,d",
                        appendedFrom,
                        appendedFrom + 999));
        row(
                "verified",
                String.format(
                        Locale.ROOT,
                        "all %,d records read back in order: no gap, no duplicate, content checked",
                        total));
        row(
                "on disk",
                String.format(
                        Locale.ROOT,
                        "%d segment files, %.1f MB (sealed: <start>-<last>.wal, open: <start>.wal.open)",
                        stats.segments(),
                        bytes / 1e6));
    }

    private static Process startWriter(Path dir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        WalDemo.class.getName(),
                        WRITER,
                        dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static Thread followAcknowledgements(Process writer, AtomicLong acknowledged) {
        Thread t =
                new Thread(
                        () -> {
                            try (BufferedReader in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    writer.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = in.readLine()) != null) {
                                    if (line.startsWith("durable ")) {
                                        acknowledged.set(Long.parseLong(line.substring(8)));
                                    }
                                }
                            } catch (IOException | NumberFormatException e) {
                                // The writer was killed mid-line; the last whole line counts.
                            }
                        },
                        "writer-acknowledgements");
        t.start();
        return t;
    }

    /** Checks that the records continue at {@code expected} and carry the orders written there. */
    private static void verify(List<LoggedRecord> batch, long expected) {
        for (LoggedRecord r : batch) {
            if (r.offset() != expected || !r.record().equals(order(expected))) {
                throw new IllegalStateException(
                        "expected order " + expected + " but read offset " + r.offset());
            }
            expected++;
        }
    }

    private static void row(String name, String value) {
        System.out.printf(Locale.ROOT, "  %-16s %s%n", name, value);
    }

    private static long directorySize(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().contains(".wal"))
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
