package dev.trib.node.tls;


import dev.trib.node.config.LiveConfig;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import static dev.trib.node.config.ConfigParameters.TLS_AUTH_CLIENTS;
import static dev.trib.node.config.ConfigParameters.TLS_CA_CERT_DIR;
import static dev.trib.node.config.ConfigParameters.TLS_CA_CERT_FILE;
import static dev.trib.node.config.ConfigParameters.TLS_CERT_FILE;
import static dev.trib.node.config.ConfigParameters.TLS_CLIENT_CERT_FILE;
import static dev.trib.node.config.ConfigParameters.TLS_CLIENT_KEY_FILE;
import static dev.trib.node.config.ConfigParameters.TLS_CLUSTER;
import static dev.trib.node.config.ConfigParameters.TLS_KEY_FILE;
import static dev.trib.node.config.ConfigParameters.TLS_PORT;
import static dev.trib.node.config.ConfigParameters.TLS_PROTOCOLS;
import static dev.trib.node.config.ConfigParameters.TLS_REPLICATION;

/**
 * The node's TLS set-up, made once at startup from redis-server's tls-* directives: the server side (client listener
 * and accepted bus links) and the client side (outgoing bus links, MIGRATE, and replication links). Certificates are
 * checked against the CA only, without host names, as redis-server (OpenSSL with SSL_VERIFY_PEER) does.
 */
public final class NodeTls {
    private final SslContext server;
    private final SslContext client;
    private final boolean cluster;
    private final boolean replication;

    private NodeTls(SslContext server, SslContext client, boolean cluster, boolean replication) {
        this.server = server;
        this.client = client;
        this.cluster = cluster;
        this.replication = replication;
    }

    /**
     * The TLS set-up the configuration asks for, or null when nothing uses TLS (no tls-port, tls-cluster and
     * tls-replication both no).
     *
     * @throws TlsConfigException naming the directive and the cause when a file is missing, unreadable or wrong
     */
    public static NodeTls fromConfig(LiveConfig config) {
        boolean cluster = config.getBool(TLS_CLUSTER);
        boolean replication = config.getBool(TLS_REPLICATION);
        if (config.getLong(TLS_PORT) == 0 && !cluster && !replication) {
            return null;
        }
        String certFile = config.get(TLS_CERT_FILE);
        String keyFile = config.get(TLS_KEY_FILE);
        if (certFile.isEmpty()) {
            throw new TlsConfigException("No tls-cert-file configured!");
        }
        if (keyFile.isEmpty()) {
            throw new TlsConfigException("No tls-key-file configured!");
        }
        String auth = config.get(TLS_AUTH_CLIENTS);
        String caFile = config.get(TLS_CA_CERT_FILE);
        String caDir = config.get(TLS_CA_CERT_DIR);
        if ((!auth.equals("no") || cluster || replication) && caFile.isEmpty() && caDir.isEmpty()) {
            throw new TlsConfigException("Either tls-ca-cert-file or tls-ca-cert-dir must be specified when "
                    + "tls-cluster, tls-replication or tls-auth-clients are enabled!");
        }
        List<X509Certificate> cas = new ArrayList<>();
        if (!caFile.isEmpty()) {
            cas.addAll(PemFiles.certificates(TLS_CA_CERT_FILE, Path.of(caFile)));
        }
        if (!caDir.isEmpty()) {
            cas.addAll(PemFiles.certificatesInDir(TLS_CA_CERT_DIR, Path.of(caDir)));
        }
        Identity serverId = Identity.load(TLS_CERT_FILE, certFile, TLS_KEY_FILE, keyFile);
        String clientCert = config.get(TLS_CLIENT_CERT_FILE);
        Identity clientId = clientCert.isEmpty() ? serverId
                : Identity.load(TLS_CLIENT_CERT_FILE, clientCert, TLS_CLIENT_KEY_FILE,
                        config.get(TLS_CLIENT_KEY_FILE));
        String[] protocols = protocols(config.get(TLS_PROTOCOLS));
        X509Certificate[] trusted = cas.toArray(X509Certificate[]::new);
        try {
            SslContextBuilder serverBuilder = SslContextBuilder.forServer(serverId.key(), serverId.chain())
                    .sslProvider(SslProvider.JDK).protocols(protocols)
                    .clientAuth(switch (auth) {
                        case "yes" -> ClientAuth.REQUIRE;
                        case "optional" -> ClientAuth.OPTIONAL;
                        default -> ClientAuth.NONE;
                    });
            if (trusted.length > 0) {
                serverBuilder.trustManager(trusted);
            }
            SslContextBuilder clientBuilder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .protocols(protocols).keyManager(clientId.key(), clientId.chain());
            if (trusted.length > 0) {
                clientBuilder.trustManager(trusted);
            }
            return new NodeTls(serverBuilder.build(), clientBuilder.build(), cluster, replication);
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsConfigException("cannot set up TLS: " + e.getMessage());
        }
    }

    private static String[] protocols(String words) {
        if (words.isBlank()) {
            return null; // the JDK's defaults: TLSv1.2 and TLSv1.3, as redis-server's
        }
        List<String> out = new ArrayList<>();
        for (String w : words.trim().split("\\s+")) {
            switch (w.toLowerCase(java.util.Locale.ROOT)) {
                case "tlsv1.2" -> out.add("TLSv1.2");
                case "tlsv1.3" -> out.add("TLSv1.3");
                default -> throw new TlsConfigException("tls-protocols: unsupported protocol " + w
                        + " (TLSv1.2 and TLSv1.3 are)");
            }
        }
        return out.toArray(String[]::new);
    }

    /** A certificate chain and the private key that goes with its first certificate. */
    private record Identity(PrivateKey key, X509Certificate[] chain) {
        static Identity load(String certDirective, String certFile, String keyDirective, String keyFile) {
            if (keyFile.isEmpty()) {
                throw new TlsConfigException("No " + keyDirective + " configured for " + certDirective + "!");
            }
            X509Certificate[] chain = PemFiles.certificates(certDirective, Path.of(certFile))
                    .toArray(X509Certificate[]::new);
            PrivateKey key = PemFiles.privateKey(keyDirective, Path.of(keyFile));
            if (!matches(key, chain[0])) {
                throw new TlsConfigException(keyDirective + " " + keyFile + " is not the key of " + certDirective
                        + " " + certFile);
            }
            return new Identity(key, chain);
        }

        /** Whether the key signs what the certificate's public key verifies. */
        private static boolean matches(PrivateKey key, X509Certificate cert) {
            String alg = switch (key.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> "SHA256withECDSA";
                default -> key.getAlgorithm(); // Ed25519, Ed448
            };
            try {
                byte[] probe = "trib-node key check".getBytes(StandardCharsets.US_ASCII);
                Signature signer = Signature.getInstance(alg);
                signer.initSign(key);
                signer.update(probe);
                byte[] signature = signer.sign();
                Signature verifier = Signature.getInstance(alg);
                verifier.initVerify(cert.getPublicKey());
                verifier.update(probe);
                return verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }

    /** tls-cluster: the bus (both directions) and MIGRATE use TLS, and the announced client port is the TLS one. */
    public boolean cluster() {
        return cluster;
    }

    /** tls-replication: replication links use TLS (the replication code asks for {@link #newClientHandler}). */
    public boolean replication() {
        return replication;
    }

    public SslContext serverContext() {
        return server;
    }

    public SslContext clientContext() {
        return client;
    }

    /** The handler that makes an accepted connection TLS, asking for a client certificate per tls-auth-clients. */
    public SslHandler newServerHandler(ByteBufAllocator alloc) {
        return server.newHandler(alloc);
    }

    /** The handler for a connection this node opens to host:port, presenting its client certificate. */
    public SslHandler newClientHandler(ByteBufAllocator alloc, String host, int port) {
        return client.newHandler(alloc, host, port);
    }

    /** A client-mode engine for connections driven without Netty (MIGRATE's blocking exchange). */
    public SSLEngine newClientEngine(String host, int port) {
        return client.newEngine(ByteBufAllocator.DEFAULT, host, port);
    }
}
