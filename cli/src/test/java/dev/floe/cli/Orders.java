package dev.floe.cli;

import dev.floe.wal.record.WalRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** Test records: orders as Avro values, and plain text values. Stateless. */
final class Orders {

    static final String SCHEMA =
            """
            {"type": "record", "name": "Order", "namespace": "shop", "fields": [
              {"name": "id", "type": "long"},
              {"name": "currency", "type": "string"},
              {"name": "amount", "type": "double"}
            ]}""";

    static final String[] CURRENCIES = {"EUR", "USD", "GBP"};
    static final long T0 = 1_790_000_000_000L;

    private Orders() {}

    /** Order {@code id}: currency {@code CURRENCIES[id % 3]}, amount {@code id + 0.5}. */
    static List<WalRecord> orders(long firstId, int count) {
        Schema schema = new Schema.Parser().parse(SCHEMA);
        GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(schema);
        List<WalRecord> out = new ArrayList<>();
        for (long id = firstId; id < firstId + count; id++) {
            GenericRecord r = new GenericData.Record(schema);
            r.put("id", id);
            r.put("currency", CURRENCIES[(int) (id % 3)]);
            r.put("amount", id + 0.5);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            try {
                writer.write(r, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.add(
                    WalRecord.of(
                            T0 + id,
                            ("order-" + id).getBytes(StandardCharsets.UTF_8),
                            bytes.toByteArray()));
        }
        return out;
    }

    /** Values "text-0", "text-1", ...; keys null. */
    static List<WalRecord> texts(int from, int count) {
        List<WalRecord> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(WalRecord.of(T0 + i, null, ("text-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }
}
