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
package dev.floe.wal.testing;

import dev.floe.wal.tls.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test CA and the certificates it signed, made with the JDK's {@code keytool}: a server
 * certificate for {@code 127.0.0.1} and {@code localhost} and a client certificate, each as a PEM
 * certificate, a PKCS#8 PEM key and a PKCS#12 key store (the server's holds the CA too). Keys are
 * EC P-256, valid for two days. Immutable.
 */
public final class TlsTestFiles {

    /** Password of every key store made here. */
    public static final String STORE_PASSWORD = "floe-test-store";

    private static final String SAN = "san=ip:127.0.0.1,dns:localhost";

    private static TlsTestFiles shared;
    private static Path sharedUnrelatedCa;

    private final Path dir;

    private TlsTestFiles(Path dir) {
        this.dir = dir;
    }

    /**
     * The files of this JVM, made on first use under {@code target/tls-<pid>}: keytool is slow to
     * start, so test classes share one CA.
     */
    public static synchronized TlsTestFiles shared() {
        if (shared == null) {
            shared = generate(sharedDir().resolve("ca"));
        }
        return shared;
    }

    /** A CA of this JVM that signed none of {@link #shared()}'s certificates. */
    public static synchronized Path sharedUnrelatedCa() {
        if (sharedUnrelatedCa == null) {
            sharedUnrelatedCa = unrelatedCa(sharedDir().resolve("other"));
        }
        return sharedUnrelatedCa;
    }

    private static Path sharedDir() {
        String basedir = System.getProperty("basedir");
        Path root = basedir == null ? Path.of("").toAbsolutePath() : Path.of(basedir);
        return root.resolve("target").resolve("tls-" + ProcessHandle.current().pid());
    }

    /** Makes a CA, a server and a client certificate in {@code dir}. */
    public static TlsTestFiles generate(Path dir) {
        try {
            Files.createDirectories(dir);
            TlsTestFiles files = new TlsTestFiles(dir);
            files.makeCa("ca");
            files.makeSigned("server");
            files.makeSigned("client");
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make test certificates in " + dir, e);
        }
    }

    /** Makes a CA of its own in {@code dir}, which signed none of the certificates here. */
    public static Path unrelatedCa(Path dir) {
        try {
            Files.createDirectories(dir);
            new TlsTestFiles(dir).makeCa("other-ca");
            return dir.resolve("other-ca.pem");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a test CA in " + dir, e);
        }
    }

    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    public Path serverCertPem() {
        return dir.resolve("server.pem");
    }

    public Path serverKeyPem() {
        return dir.resolve("server-key.pem");
    }

    /** The server's key, its certificate and the CA, in PKCS#12 with {@link #STORE_PASSWORD}. */
    public Path serverKeyStore() {
        return dir.resolve("server.p12");
    }

    public Path clientCertPem() {
        return dir.resolve("client.pem");
    }

    public Path clientKeyPem() {
        return dir.resolve("client-key.pem");
    }

    /** Trusts the CA and presents the client certificate. */
    public TlsConfig client() {
        return TlsConfig.builder()
                .caFile(caPem())
                .identity(clientCertPem(), clientKeyPem())
                .build();
    }

    /** Trusts the CA only. */
    public TlsConfig trustingCa() {
        return TlsConfig.builder().caFile(caPem()).build();
    }

    /** Presents the server certificate. */
    public TlsConfig server() {
        return TlsConfig.builder()
                .caFile(caPem())
                .identity(serverCertPem(), serverKeyPem())
                .build();
    }

    private void makeCa(String name) throws IOException {
        Path store = dir.resolve(name + ".p12");
        keytool(
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=Floe test " + name + " " + dir.getFileName(),
                "-ext",
                "bc:c",
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                STORE_PASSWORD);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                name,
                "-keystore",
                store.toString(),
                "-storepass",
                STORE_PASSWORD,
                "-file",
                dir.resolve(name + ".pem").toString());
    }

    private void makeSigned(String name) throws IOException {
        Path store = dir.resolve(name + ".p12");
        Path csr = dir.resolve(name + ".csr");
        Path pem = dir.resolve(name + ".pem");
        keytool(
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=floe-test-" + name,
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                STORE_PASSWORD);
        keytool(
                "-certreq",
                "-alias",
                name,
                "-keystore",
                store.toString(),
                "-storepass",
                STORE_PASSWORD,
                "-file",
                csr.toString());
        keytool(
                "-gencert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                dir.resolve("ca.p12").toString(),
                "-storepass",
                STORE_PASSWORD,
                "-infile",
                csr.toString(),
                "-outfile",
                pem.toString(),
                "-validity",
                "2",
                "-ext",
                SAN,
                "-ext",
                "eku=serverAuth,clientAuth",
                "-ext",
                "ku=digitalSignature,keyAgreement");
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-file",
                caPem().toString(),
                "-keystore",
                store.toString(),
                "-storepass",
                STORE_PASSWORD);
        keytool(
                "-importcert",
                "-alias",
                name,
                "-file",
                pem.toString(),
                "-keystore",
                store.toString(),
                "-storepass",
                STORE_PASSWORD);
        writePkcs8Key(store, name, dir.resolve(name + "-key.pem"));
    }

    /** Exports the key under {@code alias} of a PKCS#12 store as an unencrypted PKCS#8 PEM file. */
    private static void writePkcs8Key(Path store, String alias, Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, STORE_PASSWORD.toCharArray());
            Key key = keys.getKey(alias, STORE_PASSWORD.toCharArray());
            String body =
                    Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(key.getEncoded());
            Files.writeString(
                    pem,
                    "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n",
                    StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot export the key of " + store + ": " + e, e);
        }
    }

    private void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // keytool's JVM starts faster without the optimising compiler.
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        Process process =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        try {
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted running keytool", e);
        }
    }
}
