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

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The PEM files one side of a TLS connection uses: the CA certificates it trusts (default: the
 * JVM's trust store) and its own certificate and PKCS#8 key (a server's identity, or a client's for
 * mutual TLS). Each file is labelled with the option that named it, for messages. The files are
 * read each time trust or keys are made (on the host that connects, not where a job is built), so a
 * key never stays in this object, and {@link #toString()} shows only paths. Immutable and
 * thread-safe.
 */
public final class TlsConfig {

    private static final char[] IN_MEMORY_PASSWORD = new char[0];

    private final Path caFile;
    private final String caOption;
    private final Path certFile;
    private final String certOption;
    private final Path keyFile;
    private final String keyOption;

    private TlsConfig(Builder b) {
        this.caFile = b.caFile;
        this.caOption = b.caOption;
        this.certFile = b.certFile;
        this.certOption = b.certOption;
        this.keyFile = b.keyFile;
        this.keyOption = b.keyOption;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The PEM file of the trusted CA certificates; empty for the JVM's default trust store. */
    public Optional<Path> caFile() {
        return Optional.ofNullable(caFile);
    }

    /** The PEM certificate (chain) this side presents; empty when it presents none. */
    public Optional<Path> certFile() {
        return Optional.ofNullable(certFile);
    }

    /** The PKCS#8 PEM key of {@link #certFile()}. */
    public Optional<Path> keyFile() {
        return Optional.ofNullable(keyFile);
    }

    /** Whether this side presents a certificate of its own. */
    public boolean hasIdentity() {
        return certFile != null;
    }

    /** Who decides which server certificates are trusted, for messages. */
    String trustSource() {
        return caFile == null ? "the JVM's default trust store" : "CA file " + caFile;
    }

    /**
     * Trust in the CA file's certificates, or the JVM's default trust store without one.
     *
     * @throws IllegalArgumentException naming the option and file when the file is bad
     */
    public TrustManagerFactory trustManagers() {
        try {
            TrustManagerFactory factory =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (caFile == null) {
                factory.init((KeyStore) null);
                return factory;
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            List<X509Certificate> cas = PemFiles.certificates(caFile, caOption);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store: " + e.getMessage(), e);
        }
    }

    /**
     * The certificate and key this side presents; empty without them.
     *
     * @throws IllegalArgumentException naming the option and file when a file is bad
     */
    public Optional<KeyManagerFactory> keyManagers() {
        if (certFile == null) {
            return Optional.empty();
        }
        List<X509Certificate> chain = PemFiles.certificates(certFile, certOption);
        PrivateKey key = PemFiles.privateKey(keyFile, keyOption);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setKeyEntry(
                    "identity", key, IN_MEMORY_PASSWORD, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, IN_MEMORY_PASSWORD);
            return Optional.of(factory);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(
                    keyOption
                            + " "
                            + keyFile
                            + " does not fit "
                            + certOption
                            + " "
                            + certFile
                            + ": "
                            + e.getClass().getSimpleName());
        }
    }

    /** A TLS context with this trust and identity, for the JDK's sockets and HTTP clients. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    keyManagers().map(KeyManagerFactory::getKeyManagers).orElse(null),
                    trustManagers().getTrustManagers(),
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsConfig t
                && Objects.equals(caFile, t.caFile)
                && Objects.equals(certFile, t.certFile)
                && Objects.equals(keyFile, t.keyFile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(caFile, certFile, keyFile);
    }

    /** The file paths only. */
    @Override
    public String toString() {
        return "TLS{ca="
                + (caFile == null ? "<JVM default>" : caFile)
                + (certFile == null ? "" : ", cert=" + certFile + ", key=" + keyFile)
                + '}';
    }

    /** Collects the files; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private Path caFile;
        private String caOption = "CA file";
        private Path certFile;
        private String certOption = "certificate file";
        private Path keyFile;
        private String keyOption = "key file";

        private Builder() {}

        /** Trust the CA certificates in this PEM file; default: the JVM's trust store. */
        public Builder caFile(Path file) {
            return caFile(file, caOption);
        }

        /** As {@link #caFile(Path)}, naming the {@code option} that gave the file in messages. */
        public Builder caFile(Path file, String option) {
            this.caFile = Objects.requireNonNull(file, "CA file");
            this.caOption = Objects.requireNonNull(option, "option");
            return this;
        }

        /** Present this PEM certificate (chain) and its PKCS#8 PEM key; default: none. */
        public Builder identity(Path certFile, Path keyFile) {
            return identity(certFile, certOption, keyFile, keyOption);
        }

        /** As {@link #identity(Path, Path)}, naming the options that gave the files. */
        public Builder identity(Path certFile, String certOption, Path keyFile, String keyOption) {
            this.certFile = Objects.requireNonNull(certFile, "certificate file");
            this.certOption = Objects.requireNonNull(certOption, "option");
            this.keyFile = Objects.requireNonNull(keyFile, "key file");
            this.keyOption = Objects.requireNonNull(keyOption, "option");
            return this;
        }

        /** The files are not read yet: they need to be there only where connections are made. */
        public TlsConfig build() {
            return new TlsConfig(this);
        }
    }
}
