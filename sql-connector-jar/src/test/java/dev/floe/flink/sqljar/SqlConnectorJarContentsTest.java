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

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The build's check of the SQL connector jar, run by Maven right after the jar is shaded: it prints
 * the class packages the jar leaves outside {@code dev/floe/} and fails on any not known to be safe
 * there, on native libraries that relocation would break, and on service files naming a type the
 * jar does not have.
 */
class SqlConnectorJarContentsTest {

    private static final String JAR_PROPERTY = "floe.sql-connector-jar";
    private static final String FLOE = "dev/floe/";
    private static final String SHADED = FLOE + "shaded/";

    /** Packages left where they are, and why. */
    private static final Map<String, String> ALLOWED_UNRELOCATED =
            Map.of(
                    "com/github/luben/zstd/",
                    "zstd-jni: its native methods are bound to this package's name");

    /** Native libraries that may be in the jar: zstd-jni loads its own by resource name. */
    private static final String ALLOWED_NATIVE = "libzstd-jni-";

    /** Service types a Floe class may implement without the jar holding them: Flink's SPIs. */
    private static final String PROVIDED_SERVICE_PREFIX = "org.apache.flink.";

    private static JarContents jar;

    @BeforeAll
    static void readJar() throws IOException {
        String path = System.getProperty(JAR_PROPERTY);
        assertThat(path)
                .as(
                        "system property %s: run through Maven, which shades the jar in phase"
                                + " package and then runs this check",
                        JAR_PROPERTY)
                .isNotBlank();
        Path file = Path.of(path);
        assertThat(Files.isRegularFile(file)).as("%s exists", file).isTrue();
        jar = JarContents.read(file);
        System.out.println(report(file));
    }

    @Test
    void everyThirdPartyPackageIsRelocatedUnderDevFloeShaded() {
        List<String> unexpected =
                jar.packagesOutside(FLOE).stream()
                        .filter(p -> allowedReason(p) == null)
                        .collect(Collectors.toList());
        assertThat(unexpected)
                .as(
                        "class packages of %s left unrelocated: add a relocation (or an artifact"
                                + " exclusion) in sql-connector-jar/pom.xml",
                        jar.name())
                .isEmpty();
    }

    @Test
    void floeItselfIsInTheJar() {
        assertThat(jar.packages())
                .contains("dev/floe/wal/admin/", "dev/floe/flink/sink/", "dev/floe/flink/source/");
    }

    @Test
    void nativeLibrariesAreOnlyThoseThatNeedNoRenaming() {
        assertThat(jar.nativeLibraries())
                .as(
                        "native libraries in %s other than zstd-jni's: relocated Java classes no"
                                + " longer match them (exclude the artifact)",
                        jar.name())
                .allMatch(library -> library.contains(ALLOWED_NATIVE));
    }

    @Test
    void serviceFilesNameTypesTheJarHasOrFlinkProvides() {
        Map<String, List<String>> missing = new TreeMap<>();
        jar.services()
                .forEach(
                        (service, providers) -> {
                            if (!service.startsWith(PROVIDED_SERVICE_PREFIX)
                                    && !jar.hasClass(service)
                                    && !jar.hasClass(withoutVariant(service))) {
                                missing.computeIfAbsent(service, s -> new ArrayList<>())
                                        .add("(the service type itself)");
                            }
                            for (String provider : providers) {
                                if (!jar.hasClass(provider)) {
                                    missing.computeIfAbsent(service, s -> new ArrayList<>())
                                            .add(provider);
                                }
                            }
                        });
        assertThat(missing)
                .as(
                        "META-INF/services entries of %s naming classes not in it (a relocation"
                                + " the service file missed?)",
                        jar.name())
                .isEmpty();
    }

    /** StAX2 names its service files after a type and a schema kind, such as {@code ....dtd}. */
    private static String withoutVariant(String service) {
        return service.substring(0, Math.max(0, service.lastIndexOf('.')));
    }

    private static String allowedReason(String pkg) {
        return ALLOWED_UNRELOCATED.entrySet().stream()
                .filter(e -> pkg.startsWith(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static String report(Path file) {
        StringBuilder out = new StringBuilder();
        List<String> outside = jar.packagesOutside(FLOE);
        out.append(
                String.format(
                        "%s: %d classes; %d class packages outside %s:%n",
                        file.getFileName(), jar.classCount(), outside.size(), FLOE));
        for (String pkg : outside) {
            String reason = allowedReason(pkg);
            out.append(
                    String.format(
                            "  %-50s %s%n",
                            pkg, reason == null ? "UNEXPECTED: not relocated" : "kept: " + reason));
        }
        out.append(String.format("relocated under %s:%n", SHADED));
        for (Map.Entry<String, Integer> group : jar.classesByGroupUnder(SHADED).entrySet()) {
            out.append(String.format("  %-50s %d classes%n", group.getKey(), group.getValue()));
        }
        return out.toString();
    }
}
