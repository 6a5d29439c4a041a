package dev.floe.wal.manifest.kv;

import java.util.Objects;

/** One operation of a {@link KvStore#txn transaction}. Immutable. */
public sealed interface KvOp {

    String key();

    /** Sets {@code key} to {@code value}, attached to {@code lease} (0 for none). */
    record Put(String key, byte[] value, long lease) implements KvOp {
        public Put {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Removes {@code key} if present. */
    record Delete(String key) implements KvOp {
        public Delete {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Reads a key or a range; its result is in {@link KvTxnResult#reads()}. */
    record Get(KvRange range) implements KvOp {
        public Get {
            Objects.requireNonNull(range, "range");
        }

        @Override
        public String key() {
            return range.from();
        }
    }

    static KvOp put(String key, byte[] value) {
        return new Put(key, value, 0);
    }

    static KvOp put(String key, byte[] value, long lease) {
        return new Put(key, value, lease);
    }

    static KvOp delete(String key) {
        return new Delete(key);
    }

    static KvOp get(String key) {
        return new Get(KvRange.key(key));
    }

    static KvOp get(KvRange range) {
        return new Get(range);
    }
}
