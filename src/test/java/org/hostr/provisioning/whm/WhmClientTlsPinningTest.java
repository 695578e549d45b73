package org.hostr.provisioning.whm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A self-signed WHM certificate is trusted exactly when its SHA-256 fingerprint is pinned. */
class WhmClientTlsPinningTest {
    private static final char[] PASS = "changeit".toCharArray();
    private static final String VERSION_REPLY = "{\"metadata\":{\"command\":\"version\",\"version\":1,\"result\":1,"
            + "\"reason\":\"OK\"},\"data\":{\"version\":\"11.120.0.9\"}}";

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static String fingerprint;

    @BeforeAll
    static void startSelfSignedServer() throws Exception {
        Path keystore = dir.resolve("whm.p12");
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "whm", "-keyalg", "RSA",
                "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", "CN=whm.example.invalid", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, PASS);
        }
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(store.getCertificate("whm").getEncoded());
        // Written the way openssl prints it: uppercase pairs with colons.
        fingerprint = HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);

        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASS);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/json-api/", exchange -> {
            byte[] body = VERSION_REPLY.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void matchingFingerprintConnects() {
        try (WhmClient client = clientPinning(fingerprint)) {
            assertThat(client.version()).isEqualTo("11.120.0.9");
        }
    }

    @Test
    void wrongFingerprintIsRefused() {
        String other = "00".repeat(32);
        try (WhmClient client = clientPinning(other)) {
            WhmUnavailableException e = catchThrowableOfType(WhmUnavailableException.class, client::version);

            assertThat(e.getMessage()).contains("does not match the pinned " + other);
        }
    }

    @Test
    void selfSignedCertificateIsRefusedWithoutAPin() {
        try (WhmClient client = clientPinning(null)) {
            catchThrowableOfType(WhmUnavailableException.class, client::version);
        }
    }

    private static WhmClient clientPinning(String pin) {
        String url = "https://127.0.0.1:" + server.getAddress().getPort();
        return new WhmClient(new WhmEndpoint(url, "root", "tls-test-token", pin), SimulatedWhm.QUICK);
    }
}
