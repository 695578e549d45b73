package org.hostr.nostr.nip05;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.hostr.nostr.Keys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A local nostr.json server; the verifier under test is told to ask it for every domain. What it answers depends on
 * the name asked for.
 */
class Nip05VerifierTest {
    private static final String BOB = Keys.generate().pubkey();
    private static final String OTHER = Keys.generate().pubkey();
    private static final OkHttpClient HTTP = new OkHttpClient();
    private static final List<String> requests = new CopyOnWriteArrayList<>();
    private static HttpServer server;
    private static HttpUrl site;

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/nostr.json", Nip05VerifierTest::answer);
        server.start();
        site = HttpUrl.get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestURI().getPath() + "?" + query);
        String name = query == null ? "" : query.replaceFirst("^name=", "");
        switch (name) {
            case "bob", "_" -> send(exchange, 200, "{\"names\":{\"" + name + "\":\"" + BOB + "\"},"
                    + "\"relays\":{\"" + BOB + "\":[\"wss://relay.example.com\"]}}");
            case "upper" -> send(exchange, 200, "{\"names\":{\"upper\":\"" + BOB.toUpperCase() + "\"}}");
            case "redirect" -> {
                exchange.getResponseHeaders().add("Location", "/.well-known/nostr.json?name=bob");
                send(exchange, 302, "");
            }
            case "big" -> send(exchange, 200, "{\"names\":{\"big\":\"" + BOB + "\"},\"pad\":\""
                    + "x".repeat(Nip05Verifier.MAX_BODY_BYTES) + "\"}");
            case "broken" -> send(exchange, 200, "{\"names\":{\"broken\":");
            case "nonames" -> send(exchange, 200, "[\"" + BOB + "\"]");
            case "number" -> send(exchange, 200, "{\"names\":{\"number\":42}}");
            case "nobody" -> send(exchange, 200, "{\"names\":{\"someone-else\":\"" + BOB + "\"}}");
            case "mismatch" -> send(exchange, 200, "{\"names\":{\"mismatch\":\"" + OTHER + "\"}}");
            default -> send(exchange, 404, "not here");
        }
    }

    /** Always chunked (length 0), so the size limit must hold while reading, not by trusting Content-Length. */
    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the verifier hung up after its limit
        }
    }

    private static Nip05Result check(String nip05) {
        return new Nip05Verifier(HTTP, true, domain -> site).check(nip05, BOB);
    }

    @Test
    void matchingNameIsVerified() {
        assertThat(check("bob@example.com").status()).isEqualTo(Nip05Status.VERIFIED);
        assertThat(new Nip05Verifier(HTTP, true, domain -> site).verify("Bob@Example.com", BOB)).isTrue();
        assertThat(requests).contains("/.well-known/nostr.json?name=bob");
    }

    @Test
    void bareDomainAsksForTheRootName() {
        assertThat(check("example.com").status()).isEqualTo(Nip05Status.VERIFIED);
        assertThat(requests).contains("/.well-known/nostr.json?name=_");
    }

    @Test
    void anotherPubkeyIsAMismatch() {
        assertThat(check("mismatch@example.com").status()).isEqualTo(Nip05Status.PUBKEY_MISMATCH);
        assertThat(check("number@example.com").status()).isEqualTo(Nip05Status.PUBKEY_MISMATCH);
        assertThat(check("upper@example.com").status()).isEqualTo(Nip05Status.PUBKEY_MISMATCH);
    }

    @Test
    void missingNameIsNotFound() {
        assertThat(check("nobody@example.com").status()).isEqualTo(Nip05Status.NAME_NOT_FOUND);
    }

    @Test
    void redirectIsRefusedNotFollowed() {
        int before = requests.size();

        assertThat(check("redirect@example.com").status()).isEqualTo(Nip05Status.REDIRECT_REFUSED);
        assertThat(requests.size() - before).isEqualTo(1);
    }

    @Test
    void statusOtherThan200IsAnHttpError() {
        Nip05Result result = check("gone@example.com");

        assertThat(result.status()).isEqualTo(Nip05Status.HTTP_ERROR);
        assertThat(result.detail()).contains("404");
    }

    @Test
    void oversizedBodyIsRefusedEvenWhenItWouldMatch() {
        assertThat(check("big@example.com").status()).isEqualTo(Nip05Status.TOO_LARGE);
    }

    @Test
    void bodyThatIsNotJsonWithNamesIsBadJson() {
        assertThat(check("broken@example.com").status()).isEqualTo(Nip05Status.BAD_JSON);
        assertThat(check("nonames@example.com").status()).isEqualTo(Nip05Status.BAD_JSON);
    }

    @Test
    void malformedIdentifiersAreRefusedWithoutARequest() {
        int before = requests.size();

        for (String bad : new String[] {"", "bob", "bob@localhost", "bob+x@example.com", "@example.com",
                "bob@example.com/x", "bob@ex ample.com", null}) {
            assertThat(check(bad).status()).as(String.valueOf(bad)).isEqualTo(Nip05Status.BAD_IDENTIFIER);
        }
        assertThat(requests.size()).isEqualTo(before);
    }

    @Test
    void productionDefaultRefusesAnIpAddressDomain() {
        Nip05Verifier strict = new Nip05Verifier(HTTP);

        assertThat(strict.check("bob@127.0.0.1", BOB).status()).isEqualTo(Nip05Status.BLOCKED_ADDRESS);
        assertThat(strict.check("bob@127.1", BOB).status()).isEqualTo(Nip05Status.BLOCKED_ADDRESS);
    }

    @Test
    void strictPolicyRefusesANameThatResolvesToLoopback() {
        // The test server, reached by a name: without the address guard this would be VERIFIED.
        HttpUrl byName = site.newBuilder().host("localhost").build();
        int before = requests.size();

        Nip05Result result = new Nip05Verifier(HTTP, false, domain -> byName).check("bob@example.com", BOB);

        assertThat(result.status()).isEqualTo(Nip05Status.BLOCKED_ADDRESS);
        assertThat(result.detail()).contains("localhost");
        assertThat(requests.size()).isEqualTo(before);
    }

    @Test
    void nothingListeningIsUnreachable() throws IOException {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        HttpUrl down = HttpUrl.get("http://127.0.0.1:" + port + "/");

        assertThat(new Nip05Verifier(HTTP, true, domain -> down).check("bob@example.com", BOB).status())
                .isEqualTo(Nip05Status.UNREACHABLE);
    }
}
