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
import java.util.HashSet;
import java.util.Set;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriteStore;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.statistics.geospatial.GeospatialStatistics;

/**
 * Passes one row group's pages on to its page store and notes the columns that wrote values in
 * pages without dictionary encoding. When dictionary encoding was on for such a column, Parquet
 * fell back to plain encoding, after encoding the values twice; the object's later row groups skip
 * the dictionary for it. Small row groups (one per partition in shared objects) would otherwise pay
 * that for every value. Used by one writer thread.
 */
final class DictionaryWatch implements PageWriteStore {

    private final PageWriteStore pages;
    private final Set<ColumnDescriptor> plain = new HashSet<>();

    DictionaryWatch(PageWriteStore pages) {
        this.pages = pages;
    }

    /** Whether {@code column} wrote values without dictionary encoding in this row group. */
    boolean wrotePlain(ColumnDescriptor column) {
        return plain.contains(column);
    }

    private void noteEncoding(
            ColumnDescriptor column, Encoding values, int valueCount, Statistics<?> statistics) {
        boolean onlyNulls = statistics != null && statistics.getNumNulls() >= valueCount;
        if (!values.usesDictionary() && !onlyNulls) {
            plain.add(column);
        }
    }

    @Override
    public PageWriter getPageWriter(ColumnDescriptor column) {
        return new Watched(column, pages.getPageWriter(column));
    }

    private final class Watched implements PageWriter {
        private final ColumnDescriptor column;
        private final PageWriter out;

        Watched(ColumnDescriptor column, PageWriter out) {
            this.column = column;
            this.out = out;
        }

        @Override
        public void writeDictionaryPage(DictionaryPage page) throws IOException {
            out.writeDictionaryPage(page);
        }

        @Override
        @SuppressWarnings("deprecation")
        public void writePage(
                BytesInput bytes,
                int valueCount,
                Statistics<?> statistics,
                Encoding rl,
                Encoding dl,
                Encoding values)
                throws IOException {
            noteEncoding(column, values, valueCount, statistics);
            out.writePage(bytes, valueCount, statistics, rl, dl, values);
        }

        @Override
        public void writePage(
                BytesInput bytes,
                int valueCount,
                int rowCount,
                Statistics<?> statistics,
                Encoding rl,
                Encoding dl,
                Encoding values)
                throws IOException {
            noteEncoding(column, values, valueCount, statistics);
            out.writePage(bytes, valueCount, rowCount, statistics, rl, dl, values);
        }

        @Override
        public void writePage(
                BytesInput bytes,
                int valueCount,
                int rowCount,
                Statistics<?> statistics,
                SizeStatistics sizes,
                Encoding rl,
                Encoding dl,
                Encoding values)
                throws IOException {
            noteEncoding(column, values, valueCount, statistics);
            out.writePage(bytes, valueCount, rowCount, statistics, sizes, rl, dl, values);
        }

        @Override
        public void writePage(
                BytesInput bytes,
                int valueCount,
                int rowCount,
                Statistics<?> statistics,
                SizeStatistics sizes,
                GeospatialStatistics geospatial,
                Encoding rl,
                Encoding dl,
                Encoding values)
                throws IOException {
            noteEncoding(column, values, valueCount, statistics);
            out.writePage(
                    bytes, valueCount, rowCount, statistics, sizes, geospatial, rl, dl, values);
        }

        @Override
        public void writePageV2(
                int rowCount,
                int nullCount,
                int valueCount,
                BytesInput repetitionLevels,
                BytesInput definitionLevels,
                Encoding dataEncoding,
                BytesInput data,
                Statistics<?> statistics)
                throws IOException {
            noteEncoding(column, dataEncoding, valueCount, statistics);
            out.writePageV2(
                    rowCount,
                    nullCount,
                    valueCount,
                    repetitionLevels,
                    definitionLevels,
                    dataEncoding,
                    data,
                    statistics);
        }

        @Override
        public void writePageV2(
                int rowCount,
                int nullCount,
                int valueCount,
                BytesInput repetitionLevels,
                BytesInput definitionLevels,
                Encoding dataEncoding,
                BytesInput data,
                Statistics<?> statistics,
                SizeStatistics sizes)
                throws IOException {
            noteEncoding(column, dataEncoding, valueCount, statistics);
            out.writePageV2(
                    rowCount,
                    nullCount,
                    valueCount,
                    repetitionLevels,
                    definitionLevels,
                    dataEncoding,
                    data,
                    statistics,
                    sizes);
        }

        @Override
        public void writePageV2(
                int rowCount,
                int nullCount,
                int valueCount,
                BytesInput repetitionLevels,
                BytesInput definitionLevels,
                Encoding dataEncoding,
                BytesInput data,
                Statistics<?> statistics,
                SizeStatistics sizes,
                GeospatialStatistics geospatial)
                throws IOException {
            noteEncoding(column, dataEncoding, valueCount, statistics);
            out.writePageV2(
                    rowCount,
                    nullCount,
                    valueCount,
                    repetitionLevels,
                    definitionLevels,
                    dataEncoding,
                    data,
                    statistics,
                    sizes,
                    geospatial);
        }

        @Override
        public long getMemSize() {
            return out.getMemSize();
        }

        @Override
        public long allocatedSize() {
            return out.allocatedSize();
        }

        @Override
        public String memUsageString(String prefix) {
            return out.memUsageString(prefix);
        }

        @Override
        public void close() {
            out.close();
        }
    }
}
