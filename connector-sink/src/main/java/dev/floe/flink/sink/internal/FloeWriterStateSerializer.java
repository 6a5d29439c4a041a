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
package dev.floe.flink.sink.internal;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Versioned serializer of {@link FloeWriterState}. Stateless and thread-safe. */
@Internal
public final class FloeWriterStateSerializer implements SimpleVersionedSerializer<FloeWriterState> {

    static final int VERSION_1 = 1;
    static final int CURRENT_VERSION = VERSION_1;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(FloeWriterState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(state.stream());
        out.writeInt(state.partition());
        out.writeLong(state.end());
        out.writeLong(state.epoch());
        return out.getCopyOfBuffer();
    }

    @Override
    public FloeWriterState deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION_1) {
            throw VersionedSerializers.unknownVersion("writer state", version, CURRENT_VERSION);
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        FloeWriterState state =
                new FloeWriterState(in.readUTF(), in.readInt(), in.readLong(), in.readLong());
        if (in.available() > 0) {
            throw VersionedSerializers.trailingBytes("writer state", in.available());
        }
        return state;
    }
}
