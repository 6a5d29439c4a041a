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
package dev.floe.wal.tier;

/**
 * The part of a {@link PartitionTiering} that reports its {@link TieringProgress}: what both the
 * streaming and the pooled tierer tell the writer about how far tiering got. Thread-safe.
 */
abstract class ProgressTracking implements PartitionTiering {

    protected final TieringProgress progress;

    protected ProgressTracking(String name, long startOffset) {
        this.progress = new TieringProgress(name, startOffset);
    }

    @Override
    public long floor() {
        return progress.floor();
    }

    @Override
    public long startOffset() {
        return progress.startOffset();
    }

    @Override
    public long tieredEnd() {
        return progress.tieredEnd();
    }

    @Override
    public long objectsTiered() {
        return progress.objectsTiered();
    }

    @Override
    public boolean isRunning() {
        return progress.isRunning();
    }
}
