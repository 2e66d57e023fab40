package dev.dbtstateoss.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the PEM files of TLS and token options; every error names the flag and the file. */
final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private PemFiles() {}

    /** The certificates of a PEM file (a chain or a CA bundle), at least one. */
    static List<X509Certificate> certificates(String flag, Path file) {
        String text = read(flag, file);
        List<X509Certificate> out = new ArrayList<>();
        for (byte[] der : blocks(text, "CERTIFICATE")) {
            try {
                out.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)));
            } catch (GeneralSecurityException e) {
                throw bad(flag, file, "a certificate in it is unreadable (" + e.getMessage() + ")");
            }
        }
        if (out.isEmpty()) {
            throw bad(flag, file, "no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
        }
        return out;
    }

    /** The unencrypted PKCS#8 private key ("BEGIN PRIVATE KEY", RSA or EC) of a PEM file. */
    static PrivateKey privateKey(String flag, Path file) {
        String text = read(flag, file);
        List<byte[]> keys = blocks(text, "PRIVATE KEY");
        if (keys.isEmpty()) {
            if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
                throw bad(flag, file, "the key is not PKCS#8; convert it with"
                        + " `openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem`");
            }
            if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
                throw bad(flag, file, "the key is encrypted; give an unencrypted PKCS#8 key (file readable only by the server)");
            }
            throw bad(flag, file, "no PEM private key (-----BEGIN PRIVATE KEY-----) in it");
        }
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(keys.get(0)));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw bad(flag, file, "the private key is neither RSA nor EC, or is damaged");
    }

    /** A public key, from "BEGIN PUBLIC KEY" or from the first certificate of the file. */
    static PublicKey publicKey(String flag, Path file) {
        String text = read(flag, file);
        List<byte[]> keys = blocks(text, "PUBLIC KEY");
        if (keys.isEmpty()) {
            if (!blocks(text, "CERTIFICATE").isEmpty()) {
                return certificates(flag, file).get(0).getPublicKey();
            }
            throw bad(flag, file, "no PEM public key (-----BEGIN PUBLIC KEY-----) or certificate in it");
        }
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(keys.get(0)));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw bad(flag, file, "the public key is neither RSA nor EC, or is damaged");
    }

    /** Whether {@code key} is the private half of {@code cert}'s public key (a test signature). */
    static boolean matches(PrivateKey key, X509Certificate cert) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            byte[] probe = "dbt-state-oss key check".getBytes(StandardCharsets.UTF_8);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(cert.getPublicKey());
            verify.update(probe);
            return verify.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String read(String flag, Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw bad(flag, file, "cannot read it (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static List<byte[]> blocks(String text, String type) {
        List<byte[]> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                out.add(Base64.getMimeDecoder().decode(m.group(2)));
            }
        }
        return out;
    }

    static ExitCodes.UserInputException bad(String flag, Path file, String why) {
        return new ExitCodes.UserInputException(flag + " " + file + ": " + why);
    }
}
