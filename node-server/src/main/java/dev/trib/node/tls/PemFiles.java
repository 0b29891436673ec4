package dev.trib.node.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files redis-server's tls-* directives name, with the JDK only: certificates, and unencrypted keys in
 * PKCS#8 ("PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY") or SEC1 ("EC PRIVATE KEY") form, as openssl writes them. The
 * two older forms are wrapped into PKCS#8, which is all the JDK's key factories read.
 */
final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    /** DER of the AlgorithmIdentifier for rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    /** DER of the OID id-ecPublicKey (1.2.840.10045.2.1). */
    private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");

    private PemFiles() {
    }

    /** Every certificate in the file. @throws TlsConfigException when there is none or one does not parse */
    static List<X509Certificate> certificates(String directive, Path file) {
        List<X509Certificate> out = new ArrayList<>();
        for (Block b : blocks(directive, file)) {
            if (b.type().equals("CERTIFICATE") || b.type().equals("TRUSTED CERTIFICATE")) {
                out.add(certificate(directive, file, b.der()));
            }
        }
        if (out.isEmpty()) {
            throw new TlsConfigException(directive + " " + file + ": no PEM certificate in the file");
        }
        return out;
    }

    /** The certificates of every file of a directory that holds any (tls-ca-cert-dir: hashed links and others). */
    static List<X509Certificate> certificatesInDir(String directive, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TlsConfigException(directive + " " + dir + ": not a directory");
        }
        List<X509Certificate> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                for (Block b : blocks(directive, f)) {
                    if (b.type().equals("CERTIFICATE")) {
                        out.add(certificate(directive, f, b.der()));
                    }
                }
            }
        } catch (IOException e) {
            throw new TlsConfigException(directive + " " + dir + ": " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new TlsConfigException(directive + " " + dir + ": no PEM certificate in the directory");
        }
        return out;
    }

    /** The first private key in the file. @throws TlsConfigException for encrypted, unknown or broken keys */
    static PrivateKey privateKey(String directive, Path file) {
        for (Block b : blocks(directive, file)) {
            switch (b.type()) {
                case "PRIVATE KEY":
                    return pkcs8(directive, file, b.der(), "RSA", "EC", "Ed25519", "Ed448");
                case "RSA PRIVATE KEY":
                    return pkcs8(directive, file, wrapPkcs8(RSA_ALGORITHM, b.der()), "RSA");
                case "EC PRIVATE KEY":
                    return pkcs8(directive, file, wrapPkcs8(ecAlgorithm(directive, file, b.der()), b.der()), "EC");
                case "ENCRYPTED PRIVATE KEY":
                    throw new TlsConfigException(directive + " " + file
                            + ": encrypted keys are not supported (decrypt it: openssl pkey -in KEY -out KEY.plain)");
                default:
                    break;
            }
        }
        throw new TlsConfigException(directive + " " + file + ": no PEM private key in the file");
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(String directive, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new TlsConfigException(directive + " " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            if (body.contains(":")) {
                // "Proc-Type: 4,ENCRYPTED" headers: an OpenSSL-encrypted traditional key.
                throw new TlsConfigException(directive + " " + file + ": encrypted keys are not supported");
            }
            try {
                out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new TlsConfigException(directive + " " + file + ": bad base64 in the PEM block " + m.group(1));
            }
        }
        return out;
    }

    private static X509Certificate certificate(String directive, Path file, byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new TlsConfigException(directive + " " + file + ": not a valid certificate (" + e.getMessage() + ")");
        }
    }

    private static PrivateKey pkcs8(String directive, Path file, byte[] der, String... algorithms) {
        for (String alg : algorithms) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                // try the next algorithm
            }
        }
        throw new TlsConfigException(directive + " " + file + ": the private key does not parse");
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING key }. */
    private static byte[] wrapPkcs8(byte[] algorithm, byte[] key) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(algorithm);
        body.writeBytes(tlv(0x04, key));
        return tlv(0x30, body.toByteArray());
    }

    /** SEC1's ECPrivateKey names its curve in the [0] field; PKCS#8 wants it in the AlgorithmIdentifier. */
    private static byte[] ecAlgorithm(String directive, Path file, byte[] sec1) {
        int[] pos = {0};
        int seqEnd = enter(sec1, pos, 0x30);
        while (pos[0] < seqEnd) {
            int tag = sec1[pos[0]] & 0xff;
            int end = enter(sec1, pos, tag);
            if (tag == 0xa0) {
                byte[] curve = java.util.Arrays.copyOfRange(sec1, pos[0], end);
                ByteArrayOutputStream alg = new ByteArrayOutputStream();
                alg.writeBytes(EC_PUBLIC_KEY_OID);
                alg.writeBytes(curve);
                return tlv(0x30, alg.toByteArray());
            }
            pos[0] = end;
        }
        throw new TlsConfigException(directive + " " + file + ": the EC key does not name its curve");
    }

    /** Reads a tag and length at pos, leaves pos at the contents, returns the end of the contents. */
    private static int enter(byte[] der, int[] pos, int tag) {
        if (pos[0] + 2 > der.length || (der[pos[0]] & 0xff) != tag) {
            throw new TlsConfigException("malformed key (DER)");
        }
        int p = pos[0] + 1;
        int len = der[p++] & 0xff;
        if (len > 0x80) {
            int n = len & 0x7f;
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (der[p++] & 0xff);
            }
        }
        pos[0] = p;
        return p + len;
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
