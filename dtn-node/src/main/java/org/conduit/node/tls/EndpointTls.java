package org.conduit.node.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint's own TLS: a self-signed CA and a host certificate signed by it, made with Bouncy Castle on
 * first start and reused afterwards (the host certificate is renewed from the same CA when it nears expiry,
 * so clients that trust {@code ca.pem} keep working). Private keys are written 0600.
 *
 * <p>Files in the TLS folder: {@code ca.pem}, {@code ca.key}, {@code host.pem} (host certificate + CA),
 * {@code host.key}, {@code keystore.p12} and {@code keystore.pass} for Jetty.
 */
public final class EndpointTls {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointTls.class);
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final Duration HOST_LIFETIME = Duration.ofDays(825);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private final Path dir;

    private EndpointTls(Path dir) {
        this.dir = dir;
    }

    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    public Path keyStore() {
        return dir.resolve("keystore.p12");
    }

    public String keyStorePassword() {
        try {
            return Files.readString(dir.resolve("keystore.pass")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates what is missing in {@code dir}, renews an expiring host certificate, and returns the set. */
    public static EndpointTls ensure(Path dir, List<String> hostNames) {
        try {
            Files.createDirectories(dir);
            EndpointTls tls = new EndpointTls(dir);
            KeyPair ca;
            X509Certificate caCert;
            if (Files.exists(tls.caCertificate())) {
                ca = readKey(dir.resolve("ca.key"));
                caCert = readCertificate(tls.caCertificate());
            } else {
                ca = newRsaKey(3072);
                caCert = selfSignedCa(ca);
                writePrivate(dir.resolve("ca.key"), ca.getPrivate());
                writePem(tls.caCertificate(), List.of(caCert));
                LOG.info("created the endpoint's certificate authority {}", tls.caCertificate());
            }
            Path hostPem = dir.resolve("host.pem");
            if (!Files.exists(hostPem) || !Files.exists(tls.keyStore())
                    || readCertificate(hostPem).getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
                KeyPair host = newRsaKey(2048);
                X509Certificate hostCert = hostCertificate(host, ca, caCert, hostNames);
                writePrivate(dir.resolve("host.key"), host.getPrivate());
                writePem(hostPem, List.of(hostCert, caCert));
                writeKeyStore(tls, host.getPrivate(), hostCert, caCert);
                LOG.info("issued the host certificate for {} (valid until {})", hostNames, hostCert.getNotAfter());
            }
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare TLS files in " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create TLS certificates", e);
        }
    }

    private static KeyPair newRsaKey(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits, new SecureRandom());
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSignedCa(KeyPair ca) throws GeneralSecurityException, OperatorCreationException,
            IOException {
        X500Name name = new X500Name("CN=Conduit endpoint CA " + InetAddress.getLocalHost().getHostName()
            + ",O=Conduit");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
            Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_LIFETIME)), name, ca.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(ca.getPublic()));
        return toCertificate(builder.build(signer(ca.getPrivate())));
    }

    private static X509Certificate hostCertificate(KeyPair host, KeyPair ca, X509Certificate caCert,
                                                   List<String> hostNames)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + hostNames.get(0) + ",O=Conduit");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCert, serial(),
            Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(HOST_LIFETIME)), subject, host.getPublic());
        List<GeneralName> names = new ArrayList<>();
        for (String h : hostNames) {
            boolean ip = h.matches("[0-9.]+") || h.contains(":");
            names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, h));
        }
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true,
            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(host.getPublic()));
        return toCertificate(builder.build(signer(ca.getPrivate())));
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withRSA").build(key);
    }

    private static X509Certificate toCertificate(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static BigInteger serial() {
        return new BigInteger(128, new SecureRandom());
    }

    private static void writeKeyStore(EndpointTls tls, PrivateKey key, X509Certificate host, X509Certificate ca)
            throws IOException, GeneralSecurityException {
        // conduit.yaml holds the password of the first keystore: a renewal must keep it.
        Path passFile = tls.dir.resolve("keystore.pass");
        String password;
        if (Files.exists(passFile)) {
            password = Files.readString(passFile).strip();
        } else {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("conduit", key, password.toCharArray(), new Certificate[] {host, ca});
        Path storePath = tls.keyStore();
        try (OutputStream out = newPrivateFile(storePath)) {
            store.store(out, password.toCharArray());
        }
        if (!Files.exists(passFile)) {
            try (OutputStream out = newPrivateFile(passFile)) {
                out.write(password.getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    private static void writePrivate(Path path, PrivateKey key) throws IOException {
        try (Writer w = new java.io.OutputStreamWriter(newPrivateFile(path), StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(key);
        }
    }

    /** Created 0600 from the start: a key must never exist with wider permissions, even briefly. */
    private static OutputStream newPrivateFile(Path path) throws IOException {
        Files.deleteIfExists(path);
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.newOutputStream(path, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static void writePem(Path path, List<X509Certificate> certificates) throws IOException {
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            for (X509Certificate c : certificates) {
                pem.writeObject(c);
            }
        }
    }

    private static KeyPair readKey(Path path) throws IOException {
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o = pem.readObject();
            if (!(o instanceof PEMKeyPair pair)) {
                throw new IOException(path + " does not hold a PEM key pair");
            }
            return new JcaPEMKeyConverter().getKeyPair(pair);
        }
    }

    private static X509Certificate readCertificate(Path path) throws IOException {
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o = pem.readObject();
            if (!(o instanceof X509CertificateHolder holder)) {
                throw new IOException(path + " does not hold a PEM certificate");
            }
            return toCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
