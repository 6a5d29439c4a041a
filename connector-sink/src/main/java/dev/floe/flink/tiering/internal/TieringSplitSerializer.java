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
package dev.floe.flink.tiering.internal;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Versioned serializer of {@link TieringSplit}. Stateless and thread-safe. */
@Internal
public final class TieringSplitSerializer implements SimpleVersionedSerializer<TieringSplit> {

    public static final TieringSplitSerializer INSTANCE = new TieringSplitSerializer();

    /** Stream name and partition. */
    static final int VERSION_1 = 1;

    static final int CURRENT_VERSION = VERSION_1;

    private TieringSplitSerializer() {}

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(TieringSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public TieringSplit deserialize(int version, byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        TieringSplit split = read(version, in);
        if (in.available() > 0) {
            throw new IOException(
                    in.available() + " unexpected bytes after tiering split " + split);
        }
        return split;
    }

    /** Writes {@code split} in the current version. */
    void write(TieringSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.stream());
        out.writeInt(split.partition());
    }

    /** Reads a split written by {@link #write} in {@code version}. */
    TieringSplit read(int version, DataInputView in) throws IOException {
        if (version != VERSION_1) {
            throw new IOException(
                    "cannot read a Floe tiering split of serializer version "
                            + version
                            + ": this Floe reads version "
                            + CURRENT_VERSION);
        }
        return new TieringSplit(in.readUTF(), in.readInt());
    }
}
