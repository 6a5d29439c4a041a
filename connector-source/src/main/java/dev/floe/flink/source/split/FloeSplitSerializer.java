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
package dev.floe.flink.source.split;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Versioned serializer of {@link FloeSplit}. Each split starts with a kind byte, so later kinds of
 * split can join without a new version. Stateless and thread-safe.
 */
@Internal
public final class FloeSplitSerializer implements SimpleVersionedSerializer<FloeSplit> {

    public static final FloeSplitSerializer INSTANCE = new FloeSplitSerializer();

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;
    private static final byte KIND_PARTITION_RANGE = 1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(FloeSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public FloeSplit deserialize(int version, byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        FloeSplit split = read(version, in);
        if (in.available() > 0) {
            throw new IOException(
                    in.available() + " unexpected bytes after a split: the state is damaged");
        }
        return split;
    }

    /** Writes a split into a larger structure (the enumerator state). */
    public void write(FloeSplit split, DataOutputView out) throws IOException {
        out.writeByte(KIND_PARTITION_RANGE);
        out.writeUTF(split.stream());
        out.writeInt(split.partition());
        out.writeLong(split.nextOffset());
        out.writeLong(split.stopOffset());
        out.writeLong(split.skipBeforeTimestamp());
    }

    /** Reads a split written by {@link #write} with serializer version {@code version}. */
    public FloeSplit read(int version, DataInputView in) throws IOException {
        if (version != VERSION_1) {
            throw new IOException(
                    "cannot read a split of serializer version "
                            + version
                            + ": this Floe reads versions 1 to "
                            + CURRENT_VERSION);
        }
        byte kind = in.readByte();
        if (kind != KIND_PARTITION_RANGE) {
            throw new IOException("unknown kind of split " + kind);
        }
        return new FloeSplit(
                in.readUTF(), in.readInt(), in.readLong(), in.readLong(), in.readLong());
    }
}
