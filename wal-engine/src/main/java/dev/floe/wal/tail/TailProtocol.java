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
package dev.floe.wal.tail;

import dev.floe.wal.log.ReadLimit;
import dev.floe.wal.record.Header;
import dev.floe.wal.record.LoggedRecord;
import dev.floe.wal.record.WalRecord;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte layout of the tail endpoint's TCP protocol, big-endian throughout. Stateless.
 *
 * <pre>
 * request  := magic:int32 ("FLT1") token:utf stream:utf partition:int32 from:int64 limit:int8
 *             (0 = written, 1 = durable)
 * response := status:int8 (0 = ok, 1 = refused, then reason:utf and the connection closes)
 *             batch*
 *             (a refusal's reasons include "too many readers")
 * batch    := count:int32 record{count}     (count 0 is a heartbeat)
 *           | -1:int32 reason:utf           (the reader is cut off; the connection closes)
 * record   := offset:int64 timestamp:int64 key:bytes value:bytes headers:int32 header*
 * header   := key:utf value:bytes
 * bytes    := length:int32 (-1 for null) byte{length}
 * </pre>
 */
final class TailProtocol {

    static final int MAGIC = 0x464C5431;
    static final byte OK = 0;
    static final byte REFUSED = 1;
    static final int CUT_OFF = -1;
    static final int MAX_BYTES = 64 << 20;

    private TailProtocol() {}

    record Request(String token, String stream, int partition, long from, ReadLimit limit) {}

    static void writeRequest(DataOutputStream out, Request r) throws IOException {
        out.writeInt(MAGIC);
        out.writeUTF(r.token());
        out.writeUTF(r.stream());
        out.writeInt(r.partition());
        out.writeLong(r.from());
        out.writeByte(r.limit() == ReadLimit.DURABLE ? 1 : 0);
        out.flush();
    }

    static Request readRequest(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a Floe tail request");
        }
        String token = in.readUTF();
        String stream = in.readUTF();
        int partition = in.readInt();
        long from = in.readLong();
        ReadLimit limit = in.readByte() == 1 ? ReadLimit.DURABLE : ReadLimit.WRITTEN;
        return new Request(token, stream, partition, from, limit);
    }

    static void writeBatch(DataOutputStream out, List<LoggedRecord> records) throws IOException {
        out.writeInt(records.size());
        for (LoggedRecord r : records) {
            out.writeLong(r.offset());
            out.writeLong(r.timestamp());
            writeBytes(out, r.key());
            writeBytes(out, r.value());
            List<Header> headers = r.record().headers();
            out.writeInt(headers.size());
            for (Header h : headers) {
                out.writeUTF(h.key());
                writeBytes(out, h.value());
            }
        }
        out.flush();
    }

    static void writeCutOff(DataOutputStream out, String reason) throws IOException {
        out.writeInt(CUT_OFF);
        out.writeUTF(reason);
        out.flush();
    }

    /**
     * @throws TailCutOffException with the server's reason when it cut the reader off
     */
    static List<LoggedRecord> readBatch(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count == CUT_OFF) {
            throw new TailCutOffException(in.readUTF());
        }
        if (count < 0) {
            throw new IOException("damaged tail batch: " + count + " records");
        }
        List<LoggedRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long offset = in.readLong();
            long timestamp = in.readLong();
            byte[] key = readBytes(in);
            byte[] value = readBytes(in);
            int headerCount = in.readInt();
            List<Header> headers = new ArrayList<>(Math.max(0, headerCount));
            for (int h = 0; h < headerCount; h++) {
                headers.add(new Header(in.readUTF(), readBytes(in)));
            }
            records.add(new LoggedRecord(offset, new WalRecord(timestamp, key, value, headers)));
        }
        return records;
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > MAX_BYTES) {
            throw new IOException("damaged tail record: a field of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
