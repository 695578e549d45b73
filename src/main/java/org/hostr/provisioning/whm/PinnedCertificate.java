package org.hostr.provisioning.whm;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate, named by its SHA-256 fingerprint. WHM servers often run a self-signed
 * certificate on 2087; the common "disable verification" answer would let anyone in the path read the root token.
 * Hostname checks are replaced too, because such certificates rarely name the host: the pin is the identity.
 */
final class PinnedCertificate extends X509ExtendedTrustManager implements HostnameVerifier {
    private final byte[] pin;

    PinnedCertificate(String fingerprint) {
        this.pin = HexFormat.of().parseHex(normalize(fingerprint));
    }

    /** Lowercase 64-digit hex from a fingerprint written with or without colons or spaces. */
    static String normalize(String fingerprint) {
        String hex = fingerprint.strip().replace(":", "").replace(" ", "").toLowerCase();
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("WHM tls_fingerprint must be the certificate's SHA-256 fingerprint"
                    + " in hex (64 digits, colons allowed), such as the output of"
                    + " `openssl x509 -noout -fingerprint -sha256`");
        }
        return hex;
    }

    static String sha256Hex(Certificate certificate) throws CertificateEncodingException {
        return HexFormat.of().formatHex(sha256(certificate.getEncoded()));
    }

    SSLSocketFactory socketFactory() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {this}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for a pinned WHM certificate", e);
        }
    }

    private boolean matches(Certificate leaf) throws CertificateEncodingException {
        return MessageDigest.isEqual(pin, sha256(leaf.getEncoded()));
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("WHM server sent no certificate");
        }
        if (!matches(chain[0])) {
            throw new CertificateException("WHM server certificate SHA-256 " + sha256Hex(chain[0])
                    + " does not match the pinned " + HexFormat.of().formatHex(pin)
                    + "; if the certificate was renewed, update tls_fingerprint");
        }
    }

    @Override
    public boolean verify(String hostname, SSLSession session) {
        try {
            Certificate[] peer = session.getPeerCertificates();
            return peer.length > 0 && matches(peer[0]);
        } catch (SSLPeerUnverifiedException | CertificateEncodingException e) {
            return false;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the WHM client does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
