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
package dev.floe.flink.avro.testing;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * An order as Avro's code generator would make it from {@link #SCHEMA$}: what a user's generated
 * SpecificRecord class looks like to Floe and flink-avro. Not thread-safe.
 */
public class SpecificOrder extends SpecificRecordBase {

    private static final long serialVersionUID = 1L;

    public static final Schema SCHEMA$ =
            new Schema.Parser()
                    .parse(
                            """
                            {"type": "record", "name": "SpecificOrder",
                             "namespace": "dev.floe.flink.avro.testing",
                             "fields": [
                               {"name": "id", "type": "long"},
                               {"name": "customer", "type": "string"},
                               {"name": "amount", "type": "double"},
                               {"name": "note", "type": ["null", "string"], "default": null}
                             ]}
                            """);

    private static final SpecificData MODEL$ = new SpecificData();

    private long id;
    private CharSequence customer;
    private double amount;
    private CharSequence note;

    /** For Avro and Flink, which make records with this constructor and fill them in. */
    public SpecificOrder() {}

    public SpecificOrder(long id, CharSequence customer, double amount, CharSequence note) {
        this.id = id;
        this.customer = customer;
        this.amount = amount;
        this.note = note;
    }

    public static Schema getClassSchema() {
        return SCHEMA$;
    }

    @Override
    public SpecificData getSpecificData() {
        return MODEL$;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public Object get(int field) {
        return switch (field) {
            case 0 -> id;
            case 1 -> customer;
            case 2 -> amount;
            case 3 -> note;
            default -> throw new IndexOutOfBoundsException("Invalid index: " + field);
        };
    }

    @Override
    public void put(int field, Object value) {
        switch (field) {
            case 0 -> id = (Long) value;
            case 1 -> customer = (CharSequence) value;
            case 2 -> amount = (Double) value;
            case 3 -> note = (CharSequence) value;
            default -> throw new IndexOutOfBoundsException("Invalid index: " + field);
        }
    }

    public long getId() {
        return id;
    }

    public void setId(long id) {
        this.id = id;
    }

    public CharSequence getCustomer() {
        return customer;
    }

    public void setCustomer(CharSequence customer) {
        this.customer = customer;
    }

    public double getAmount() {
        return amount;
    }

    public void setAmount(double amount) {
        this.amount = amount;
    }

    public CharSequence getNote() {
        return note;
    }

    public void setNote(CharSequence note) {
        this.note = note;
    }
}
