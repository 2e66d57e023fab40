package dev.dbtstateoss.server;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Throwaway certificates for tests: a CA, and server or client certificates it signs, as PEM files. */
public final class TestCerts {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair and its certificate, written as {@code <name>.crt} and {@code <name>.key} (PKCS#8). */
    public record Issued(KeyPair keys, X509Certificate cert, Path certFile, Path keyFile) {}

    private TestCerts() {}

    /** A self-signed CA. */
    public static Issued ca(Path dir, String name) throws Exception {
        KeyPair kp = rsa();
        X500Name subject = new X500Name("CN=" + name);
        JcaX509v3CertificateBuilder b = builder(subject, subject, kp);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return write(dir, name, kp, sign(b, kp.getPrivate()));
    }

    /** A leaf certificate signed by {@code ca}, valid for 127.0.0.1 and localhost. */
    public static Issued leaf(Path dir, String name, Issued ca) throws Exception {
        KeyPair kp = rsa();
        JcaX509v3CertificateBuilder b = builder(X500Name.getInstance(ca.cert().getSubjectX500Principal().getEncoded()),
                new X500Name("CN=" + name), kp);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        return write(dir, name, kp, sign(b, ca.keys().getPrivate()));
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair kp) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, kp.getPublic());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey with) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(with)));
    }

    private static Issued write(Path dir, String name, KeyPair kp, X509Certificate cert) throws Exception {
        Path crt = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        Files.writeString(crt, pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
        return new Issued(kp, cert, crt, key);
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
