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
package dev.floe.wal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Reads X.509 certificates and PKCS#8 private keys from PEM files. Messages name the file and the
 * option it came from, never a key's bytes. Stateless.
 */
final class PemFiles {

    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

    private PemFiles() {}

    /**
     * The certificates in {@code file}, in order.
     *
     * @throws IllegalArgumentException naming {@code option} and the file when it cannot be read or
     *     holds no certificate
     */
    static List<X509Certificate> certificates(Path file, String option) {
        byte[] bytes = read(file, option);
        try {
            List<X509Certificate> certificates =
                    CertificateFactory.getInstance("X.509")
                            .generateCertificates(new ByteArrayInputStream(bytes))
                            .stream()
                            .map(X509Certificate.class::cast)
                            .toList();
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(
                        option + " " + file + ": holds no PEM certificate");
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(
                    option
                            + " "
                            + file
                            + ": not a PEM certificate (-----BEGIN CERTIFICATE-----): "
                            + e.getMessage());
        }
    }

    /**
     * The unencrypted PKCS#8 private key in {@code file} (RSA, EC or EdDSA).
     *
     * @throws IllegalArgumentException naming {@code option} and the file when it cannot be read or
     *     holds no such key; never with the file's contents
     */
    static PrivateKey privateKey(Path file, String option) {
        String text = new String(read(file, option), StandardCharsets.US_ASCII);
        int begin = text.indexOf(KEY_BEGIN);
        int end = text.indexOf(KEY_END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(
                    option
                            + " "
                            + file
                            + ": holds no unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----);"
                            + " convert it with openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + KEY_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + file + ": the key is not Base64");
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm)
                        .generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // Not this algorithm: try the next.
            }
        }
        throw new IllegalArgumentException(
                option + " " + file + ": not an RSA, EC or EdDSA PKCS#8 private key");
    }

    /** Whether {@code file} is there and readable, else a message naming {@code option}. */
    private static void checkReadable(Path file, String option) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " " + file + ": not a readable file");
        }
    }

    private static byte[] read(Path file, String option) {
        checkReadable(file, option);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    option + " " + file + ": cannot read it (" + e.getMessage() + ")");
        }
    }
}
