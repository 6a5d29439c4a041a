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
package dev.floe.flink.source.enumerator;

import dev.floe.flink.source.split.FloeSplit;
import dev.floe.flink.source.split.FloeSplitSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Versioned serializer of {@link FloeEnumeratorState}. Stateless and thread-safe. */
@Internal
public final class FloeEnumeratorStateSerializer
        implements SimpleVersionedSerializer<FloeEnumeratorState> {

    /** Planned flag and unassigned splits. */
    static final int VERSION_1 = 1;

    /** Also the partition count the splits cover. */
    static final int VERSION_2 = 2;

    static final int CURRENT_VERSION = VERSION_2;

    private final FloeSplitSerializer splits = FloeSplitSerializer.INSTANCE;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(FloeEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeBoolean(state.planned());
        out.writeInt(state.partitions());
        out.writeInt(splits.getVersion());
        out.writeInt(state.unassigned().size());
        for (FloeSplit split : state.unassigned()) {
            splits.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public FloeEnumeratorState deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION_1 && version != VERSION_2) {
            throw new IOException(
                    "cannot read Floe source enumerator state of serializer version "
                            + version
                            + ": this Floe reads versions 1 to "
                            + CURRENT_VERSION);
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        boolean planned = in.readBoolean();
        int partitions =
                version == VERSION_1 ? FloeEnumeratorState.UNKNOWN_PARTITIONS : in.readInt();
        int splitVersion = in.readInt();
        int count = in.readInt();
        List<FloeSplit> unassigned = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            unassigned.add(splits.read(splitVersion, in));
        }
        if (in.available() > 0) {
            throw new IOException(in.available() + " unexpected bytes after the enumerator state");
        }
        return new FloeEnumeratorState(planned, partitions, unassigned);
    }
}
