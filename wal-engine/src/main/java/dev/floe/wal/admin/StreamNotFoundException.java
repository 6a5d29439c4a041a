package dev.floe.wal.admin;

import dev.floe.wal.manifest.ManifestException;

/**
 * A stream named in an admin call does not exist; the message names it and the manifest. Immutable.
 */
public class StreamNotFoundException extends ManifestException {
    private static final long serialVersionUID = 1L;

    private final String stream;

    public StreamNotFoundException(String stream, String manifest) {
        super("stream " + stream + " does not exist in " + manifest);
        this.stream = stream;
    }

    public String stream() {
        return stream;
    }
}
