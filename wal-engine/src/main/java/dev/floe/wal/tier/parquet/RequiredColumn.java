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
package dev.floe.wal.tier.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The values of a required top-level column of one row group, decoded page by page straight from
 * the values, with none of the level handling a nullable or nested column needs. Each call returns
 * the next row's value. Not thread-safe.
 */
final class RequiredColumn {

    private final ColumnDescriptor column;
    private final String name;
    private final PageReader pages;
    private final Dictionary dictionary;
    private ValuesReader values;
    // The values of a PLAIN-encoded binary page (length-prefixed), read without a ValuesReader.
    private ByteBuffer plainBinary;
    private int leftInPage;

    RequiredColumn(ColumnDescriptor column, PageReader pages) {
        if (column.getMaxDefinitionLevel() != 0 || column.getMaxRepetitionLevel() != 0) {
            throw new IllegalArgumentException(
                    "column " + String.join(".", column.getPath()) + " is not required and flat");
        }
        this.column = column;
        this.name = String.join(".", column.getPath());
        this.pages = pages;
        DictionaryPage dictionaryPage = pages.readDictionaryPage();
        try {
            this.dictionary =
                    dictionaryPage == null
                            ? null
                            : dictionaryPage.getEncoding().initDictionary(column, dictionaryPage);
        } catch (IOException e) {
            throw new UncheckedIOException("column " + name + ": bad dictionary page", e);
        }
    }

    long nextLong() {
        nextValue();
        return values.readLong();
    }

    int nextInt() {
        nextValue();
        return values.readInteger();
    }

    /** The next value of a binary column, as a new array. */
    byte[] nextBytes() {
        nextValue();
        if (plainBinary == null) {
            return values.readBytes().getBytes();
        }
        byte[] bytes = new byte[plainBinary.getInt()];
        plainBinary.get(bytes);
        return bytes;
    }

    void skip() {
        nextValue();
        if (plainBinary == null) {
            values.skip();
        } else {
            int length = plainBinary.getInt();
            plainBinary.position(plainBinary.position() + length);
        }
    }

    private void nextValue() {
        if (leftInPage == 0) {
            readPage();
        }
        leftInPage--;
    }

    private void readPage() {
        DataPage page = pages.readPage();
        if (page == null) {
            throw new ParquetObjectException("column " + name + " has fewer values than rows");
        }
        try {
            values =
                    page.accept(
                            new DataPage.Visitor<ValuesReader>() {
                                @Override
                                public ValuesReader visit(DataPageV1 v1) {
                                    try {
                                        ByteBufferInputStream in = v1.getBytes().toInputStream();
                                        int n = v1.getValueCount();
                                        v1.getRlEncoding()
                                                .getValuesReader(
                                                        column, ValuesType.REPETITION_LEVEL)
                                                .initFromPage(n, in);
                                        v1.getDlEncoding()
                                                .getValuesReader(
                                                        column, ValuesType.DEFINITION_LEVEL)
                                                .initFromPage(n, in);
                                        return dataReader(v1.getValueEncoding(), n, in);
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                }

                                @Override
                                public ValuesReader visit(DataPageV2 v2) {
                                    try {
                                        return dataReader(
                                                v2.getDataEncoding(),
                                                v2.getValueCount(),
                                                v2.getData().toInputStream());
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                }
                            });
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("column " + name + ": cannot read a page", e.getCause());
        }
        leftInPage = page.getValueCount();
    }

    private ValuesReader dataReader(Encoding encoding, int count, ByteBufferInputStream in)
            throws IOException {
        plainBinary = null;
        if (encoding == Encoding.PLAIN
                && column.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY) {
            plainBinary = in.slice((int) in.available()).order(ByteOrder.LITTLE_ENDIAN);
            return null;
        }
        ValuesReader reader;
        if (encoding.usesDictionary()) {
            if (dictionary == null) {
                throw new ParquetObjectException(
                        "column " + name + " has a dictionary-encoded page but no dictionary");
            }
            reader = encoding.getDictionaryBasedValuesReader(column, ValuesType.VALUES, dictionary);
        } else {
            reader = encoding.getValuesReader(column, ValuesType.VALUES);
        }
        reader.initFromPage(count, in);
        return reader;
    }
}
