package dev.floe.flink.sink.internal;

import java.io.IOException;

/** Checks shared by Floe's versioned serializers. Stateless. */
final class VersionedSerializers {

    private VersionedSerializers() {}

    static IOException unknownVersion(String what, int version, int current) {
        return new IOException(
                "cannot read "
                        + what
                        + " of serializer version "
                        + version
                        + ": this Floe reads versions 1 to "
                        + current
                        + "; it was written by a newer Floe");
    }

    static IOException trailingBytes(String what, int count) {
        return new IOException(
                count + " unexpected bytes after " + what + ": the state is damaged or foreign");
    }
}
