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
package dev.floe.flink.sqljar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a jar holds, read once: its classes and their packages (multi-release variants counted where
 * they apply), native libraries and service files. Immutable.
 */
final class JarContents {

    private static final String SERVICES = "META-INF/services/";
    private static final Pattern VERSIONED = Pattern.compile("^META-INF/versions/\\d+/");
    private static final Pattern NATIVE = Pattern.compile(".*\\.(so|dll|dylib|jnilib)$");

    private final String name;
    private final Set<String> classes;
    private final SortedSet<String> packages;
    private final List<String> nativeLibraries;
    private final SortedMap<String, List<String>> services;

    private JarContents(
            String name,
            Set<String> classes,
            SortedSet<String> packages,
            List<String> nativeLibraries,
            SortedMap<String, List<String>> services) {
        this.name = name;
        this.classes = classes;
        this.packages = packages;
        this.nativeLibraries = nativeLibraries;
        this.services = services;
    }

    static JarContents read(Path file) throws IOException {
        Set<String> classes = new HashSet<>();
        SortedSet<String> packages = new TreeSet<>();
        List<String> nativeLibraries = new ArrayList<>();
        SortedMap<String, List<String>> services = new TreeMap<>();
        try (JarFile jar = new JarFile(file.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String path = VERSIONED.matcher(entry.getName()).replaceFirst("");
                if (entry.isDirectory()) {
                    continue;
                }
                if (path.endsWith(".class") && !path.endsWith("module-info.class")) {
                    classes.add(path.substring(0, path.length() - 6).replace('/', '.'));
                    packages.add(path.substring(0, path.lastIndexOf('/') + 1));
                } else if (NATIVE.matcher(path).matches()) {
                    nativeLibraries.add(path);
                } else if (path.startsWith(SERVICES) && path.length() > SERVICES.length()) {
                    services.put(path.substring(SERVICES.length()), providers(jar, entry));
                }
            }
        }
        return new JarContents(
                file.getFileName().toString(), classes, packages, nativeLibraries, services);
    }

    String name() {
        return name;
    }

    int classCount() {
        return classes.size();
    }

    boolean hasClass(String binaryName) {
        return classes.contains(binaryName);
    }

    /** Class packages as paths ending in '/', such as {@code dev/floe/wal/admin/}. Sorted. */
    SortedSet<String> packages() {
        return packages;
    }

    /** Class packages not under {@code prefix} (a path ending in '/'). Sorted. */
    List<String> packagesOutside(String prefix) {
        return packages.stream().filter(p -> !p.startsWith(prefix)).collect(Collectors.toList());
    }

    /**
     * Classes under {@code prefix} by library group: the next two path segments, three for {@code
     * org/apache/...}, such as {@code com/google/} or {@code org/apache/parquet/}.
     */
    SortedMap<String, Integer> classesByGroupUnder(String prefix) {
        SortedMap<String, Integer> groups = new TreeMap<>();
        String dotted = prefix.replace('/', '.');
        for (String cls : classes) {
            if (!cls.startsWith(dotted)) {
                continue;
            }
            String[] parts = cls.substring(dotted.length()).split("\\.");
            int depth = parts.length > 3 && parts[1].equals("apache") ? 3 : 2;
            if (parts.length <= depth) {
                continue;
            }
            String group = String.join("/", List.of(parts).subList(0, depth)) + "/";
            groups.merge(group, 1, Integer::sum);
        }
        return groups;
    }

    List<String> nativeLibraries() {
        return nativeLibraries;
    }

    /** Service type to the providers its file names, by binary class name. */
    Map<String, List<String>> services() {
        return services;
    }

    private static List<String> providers(JarFile jar, JarEntry entry) throws IOException {
        List<String> providers = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(
                        new InputStreamReader(jar.getInputStream(entry), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int comment = line.indexOf('#');
                String provider = (comment < 0 ? line : line.substring(0, comment)).trim();
                if (!provider.isEmpty()) {
                    providers.add(provider);
                }
            }
        }
        return providers;
    }
}
