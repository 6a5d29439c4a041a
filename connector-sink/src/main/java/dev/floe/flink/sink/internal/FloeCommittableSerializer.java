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

import dev.floe.wal.manifest.ObjectDescriptor;
import dev.floe.wal.manifest.SchemaVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Versioned serializer of {@link FloeCommittable}. Stateless and thread-safe. */
@Internal
public final class FloeCommittableSerializer implements SimpleVersionedSerializer<FloeCommittable> {

    static final int VERSION_1 = 1;

    /** Adds each object's section offset (batch objects). */
    static final int VERSION_2 = 2;

    /** Adds each object's schema version. */
    static final int VERSION_3 = 3;

    static final int CURRENT_VERSION = VERSION_3;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(FloeCommittable c) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeUTF(c.stream());
        out.writeInt(c.partition());
        out.writeLong(c.epoch());
        out.writeLong(c.expectedEnd());
        out.writeUTF(c.commitId());
        out.writeInt(c.objects().size());
        for (ObjectDescriptor o : c.objects()) {
            out.writeByte(o.kind().ordinal());
            out.writeUTF(o.key());
            out.writeLong(o.startOffset());
            out.writeLong(o.endOffset());
            out.writeLong(o.sizeBytes());
            out.writeLong(o.minTimestamp());
            out.writeLong(o.maxTimestamp());
            out.writeLong(o.epoch());
            out.writeLong(o.sectionOffset());
            out.writeInt(o.schemaVersion());
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public FloeCommittable deserialize(int version, byte[] bytes) throws IOException {
        if (version < VERSION_1 || version > VERSION_3) {
            throw VersionedSerializers.unknownVersion("committable", version, CURRENT_VERSION);
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        String stream = in.readUTF();
        int partition = in.readInt();
        long epoch = in.readLong();
        long expectedEnd = in.readLong();
        String commitId = in.readUTF();
        int count = in.readInt();
        List<ObjectDescriptor> objects = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = in.readByte();
            if (kind < 0 || kind >= ObjectDescriptor.Kind.values().length) {
                throw new IOException("committable names an unknown object kind " + kind);
            }
            objects.add(
                    new ObjectDescriptor(
                            ObjectDescriptor.Kind.values()[kind],
                            in.readUTF(),
                            in.readLong(),
                            in.readLong(),
                            in.readLong(),
                            in.readLong(),
                            in.readLong(),
                            in.readLong(),
                            version >= VERSION_2 ? in.readLong() : 0,
                            version >= VERSION_3 ? in.readInt() : SchemaVersion.INITIAL));
        }
        if (in.available() > 0) {
            throw VersionedSerializers.trailingBytes("committable", in.available());
        }
        return new FloeCommittable(stream, partition, epoch, expectedEnd, objects, commitId);
    }
}
