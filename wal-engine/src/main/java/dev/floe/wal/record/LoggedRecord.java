package dev.floe.wal.record;

/** A record read back from a log, with the offset the log assigned to it. Immutable. */
public record LoggedRecord(long offset, WalRecord record) {

    public long timestamp() {
        return record.timestamp();
    }

    public byte[] key() {
        return record.key();
    }

    public byte[] value() {
        return record.value();
    }
}
