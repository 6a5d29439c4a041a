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
package dev.floe.wal.admin;

import dev.floe.wal.manifest.ManifestStore;
import dev.floe.wal.manifest.ManifestStores;
import dev.floe.wal.object.LocalDirectoryObjectStore;
import dev.floe.wal.object.ObjectStore;
import dev.floe.wal.object.S3ObjectStore;
import dev.floe.wal.tier.TierStores;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores that {@link StoreSettings} describe, opened: the object stores of both tiers and the
 * manifest. The one place that knows how to open them, for {@link FloeAdmin} and the connectors.
 * Closing closes every store. Thread-safe as the stores are.
 */
public final class FloeStores implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FloeStores.class);

    private final TierStores tiers;
    private final ManifestStore manifest;

    private FloeStores(TierStores tiers, ManifestStore manifest) {
        this.tiers = tiers;
        this.manifest = manifest;
    }

    /**
     * Opens the object stores, then the manifest; checks that each answers.
     *
     * @throws IOException if an object store cannot be reached (the message names it)
     * @throws dev.floe.wal.manifest.ManifestException if the manifest cannot be opened
     */
    public static FloeStores open(StoreSettings settings) throws IOException {
        TierStores tiers = openObjects(settings);
        try {
            return new FloeStores(tiers, openManifest(settings));
        } catch (RuntimeException e) {
            closeQuietly(distinct(tiers));
            throw e;
        }
    }

    public TierStores tiers() {
        return tiers;
    }

    public ManifestStore manifest() {
        return manifest;
    }

    @Override
    public void close() {
        Set<AutoCloseable> all = new LinkedHashSet<>();
        all.add(manifest);
        all.addAll(distinct(tiers));
        closeQuietly(all);
    }

    private static TierStores openObjects(StoreSettings settings) throws IOException {
        if (settings.segmentBucket().isEmpty()) {
            return TierStores.single(
                    LocalDirectoryObjectStore.open(
                            LocalLayout.objects(settings.localPath().orElseThrow())));
        }
        S3ObjectStore segments = S3ObjectStore.open(settings.segmentBucket().get());
        if (settings.parquetBucket().isEmpty()) {
            return TierStores.single(segments);
        }
        try {
            return new TierStores(segments, S3ObjectStore.open(settings.parquetBucket().get()));
        } catch (IOException | RuntimeException e) {
            segments.close();
            throw e;
        }
    }

    private static ManifestStore openManifest(StoreSettings settings) {
        if (settings.etcd().isPresent()) {
            return ManifestStores.etcd(settings.etcd().get());
        }
        return ManifestStores.embedded(
                LocalLayout.manifest(settings.localPath().orElseThrow()), settings.namespace());
    }

    private static Set<ObjectStore> distinct(TierStores tiers) {
        Set<ObjectStore> stores = new LinkedHashSet<>();
        stores.add(tiers.segments());
        stores.add(tiers.parquet());
        return stores;
    }

    private static void closeQuietly(Set<? extends AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                String name =
                        r instanceof ObjectStore o
                                ? o.describe()
                                : r instanceof ManifestStore m ? m.describe() : r.toString();
                LOG.warn("Could not close {}: {}", name, e.toString());
            }
        }
    }
}
