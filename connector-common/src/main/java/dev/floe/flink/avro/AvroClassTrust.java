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
package dev.floe.flink.avro;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.flink.annotation.Internal;

/**
 * Lets Avro load generated record, enum and fixed classes by name. Avro 1.12 (which Iceberg needs)
 * loads only classes of trusted packages when it resolves a schema to classes, so generated
 * SpecificRecord classes of any package would be refused; this adds, once per JVM, trust in classes
 * that implement Avro's generated-type interfaces, keeping every other check. Thread-safe.
 */
@Internal
public final class AvroClassTrust {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private AvroClassTrust() {}

    /** Trusts generated Avro classes from now on; later calls do nothing. */
    public static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            ClassSecurityValidator.setGlobal(
                    ClassSecurityValidator.composite(
                            ClassSecurityValidator.getGlobal(), AvroClassTrust::generated));
        }
    }

    private static boolean generated(Class<?> type) {
        return SpecificRecord.class.isAssignableFrom(type)
                || GenericEnumSymbol.class.isAssignableFrom(type)
                || GenericFixed.class.isAssignableFrom(type);
    }
}
