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
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Versioned serializer of {@link TieringEnumeratorState}. Stateless and thread-safe. */
@Internal
public final class TieringEnumeratorStateSerializer
        implements SimpleVersionedSerializer<TieringEnumeratorState> {

    /** Discovered flag, the split serializer's version, known splits, unassigned splits. */
    static final int VERSION_1 = 1;

    static final int CURRENT_VERSION = VERSION_1;

    private final TieringSplitSerializer splits = TieringSplitSerializer.INSTANCE;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(TieringEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeBoolean(state.discovered());
        out.writeInt(splits.getVersion());
        writeSplits(state.known(), out);
        writeSplits(state.unassigned(), out);
        return out.getCopyOfBuffer();
    }

    @Override
    public TieringEnumeratorState deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION_1) {
            throw new IOException(
                    "cannot read Floe tiering enumerator state of serializer version "
                            + version
                            + ": this Floe reads version "
                            + CURRENT_VERSION);
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        boolean discovered = in.readBoolean();
        int splitVersion = in.readInt();
        List<TieringSplit> known = readSplits(splitVersion, in);
        List<TieringSplit> unassigned = readSplits(splitVersion, in);
        if (in.available() > 0) {
            throw new IOException(
                    in.available() + " unexpected bytes after the tiering enumerator state");
        }
        return new TieringEnumeratorState(discovered, known, unassigned);
    }

    private void writeSplits(List<TieringSplit> list, DataOutputSerializer out) throws IOException {
        out.writeInt(list.size());
        for (TieringSplit split : list) {
            splits.write(split, out);
        }
    }

    private List<TieringSplit> readSplits(int splitVersion, DataInputDeserializer in)
            throws IOException {
        int count = in.readInt();
        List<TieringSplit> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(splits.read(splitVersion, in));
        }
        return list;
    }
}
