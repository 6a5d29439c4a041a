package dev.floe.wal.format;

import java.util.Optional;

/** How the blocks of a segment object are compressed; the id is stored in the footer. */
public enum Compression {
    /** Blocks are stored as they are. */
    NONE(0),
    /** One Zstandard frame per block; the default. */
    ZSTD(1);

    private final int id;

    Compression(int id) {
        this.id = id;
    }

    /** The byte that names this codec in the footer. */
    public int id() {
        return id;
    }

    /** The codec with this id, if there is one. */
    public static Optional<Compression> fromId(int id) {
        for (Compression c : values()) {
            if (c.id == id) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
