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
package dev.floe.cli;

import dev.floe.wal.record.Header;
import dev.floe.wal.record.LoggedRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Formats records for reading on a terminal: one line per record with offset, timestamp, key, value
 * and headers. Bytes that are printable UTF-8 are shown as a quoted string, others as {@code
 * base64:...}; values of an Avro stream are decoded and shown as JSON. Not thread-safe.
 */
final class RecordFormatter {

    private final GenericDatumReader<GenericRecord> avro;
    private BinaryDecoder decoder;

    /**
     * @param valueSchema the latest version of the stream's Avro value schema (the admin API's
     *     records carry values of it), or null for bytes
     */
    RecordFormatter(String valueSchema) {
        this.avro =
                valueSchema == null
                        ? null
                        : new GenericDatumReader<>(new Schema.Parser().parse(valueSchema));
    }

    String format(LoggedRecord r) {
        StringBuilder line = new StringBuilder();
        line.append(r.offset())
                .append("  ")
                .append(Instant.ofEpochMilli(r.timestamp()))
                .append("  key=")
                .append(r.key() == null ? "null" : bytes(r.key()))
                .append("  value=")
                .append(value(r.value()));
        if (!r.record().headers().isEmpty()) {
            line.append("  headers={");
            boolean first = true;
            for (Header h : r.record().headers()) {
                line.append(first ? "" : ", ").append(h.key()).append('=');
                line.append(h.value() == null ? "null" : bytes(h.value()));
                first = false;
            }
            line.append('}');
        }
        return line.toString();
    }

    private String value(byte[] value) {
        if (value == null) {
            return "null";
        }
        if (avro == null) {
            return bytes(value);
        }
        try {
            decoder = DecoderFactory.get().binaryDecoder(value, decoder);
            GenericRecord record = avro.read(null, decoder);
            if (!decoder.isEnd()) {
                return bytes(value) + " (not a value of the stream's Avro schema: trailing bytes)";
            }
            return record.toString();
        } catch (IOException | RuntimeException e) {
            return bytes(value) + " (not a value of the stream's Avro schema: " + e + ")";
        }
    }

    /** A quoted string if the bytes are printable UTF-8, else {@code base64:...}. */
    static String bytes(byte[] b) {
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(b))
                            .toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(b);
        }
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c == '\t') {
                quoted.append("\\t");
            } else if (Character.isISOControl(c)) {
                return "base64:" + Base64.getEncoder().encodeToString(b);
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
