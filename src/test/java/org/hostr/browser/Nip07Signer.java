package org.hostr.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.NostrKeyPair;

/**
 * A NIP-07 browser signer for tests. A page cannot compute BIP-340 signatures by itself, so {@link #pageScript()}
 * defines {@code window.nostr} with {@code getPublicKey()} and {@code signEvent(template)} that ask this loopback
 * server, which signs with {@link EventSigner} and the key it currently holds. Login pages see exactly the contract
 * an extension such as Alby or nos2x offers.
 */
final class Nip07Signer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicReference<NostrKeyPair> key;
    private final AtomicInteger signatures = new AtomicInteger();

    Nip07Signer(NostrKeyPair key) {
        this.key = new AtomicReference<>(key);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/pubkey", exchange -> answer(exchange, () -> JSON.createObjectNode()
                .put("pubkey", this.key.get().pubkey()).toString()));
        server.createContext("/sign", exchange -> answer(exchange, () -> sign(exchange)));
        server.start();
    }

    /** Another account in the same "extension": the next signatures use this key. */
    void signAs(NostrKeyPair next) {
        key.set(next);
    }

    /** How many events the page had signed: proof that a login went through NIP-07 and not around it. */
    int signatures() {
        return signatures.get();
    }

    /** Defines window.nostr before any page script runs (install it with Page.addScriptToEvaluateOnNewDocument). */
    String pageScript() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return """
                (function () {
                  var signer = "%s";
                  function ask(path, body) {
                    var init = body === undefined ? {} : {
                      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
                    };
                    return fetch(signer + path, init).then(function (r) {
                      if (!r.ok) { throw new Error("the signer refused: " + r.status); }
                      return r.json();
                    });
                  }
                  window.nostr = {
                    getPublicKey: function () { return ask("/pubkey").then(function (b) { return b.pubkey; }); },
                    signEvent: function (template) { return ask("/sign", template); }
                  };
                })();
                """.formatted(base);
    }

    private String sign(HttpExchange exchange) throws IOException {
        JsonNode template = JSON.readTree(exchange.getRequestBody());
        List<List<String>> tags = new ArrayList<>();
        for (JsonNode tag : template.path("tags")) {
            List<String> values = new ArrayList<>();
            tag.forEach(v -> values.add(v.asText()));
            tags.add(values);
        }
        String signed = EventSigner.sign(new EventTemplate(template.path("kind").asInt(), tags,
                template.path("content").asText(""), template.path("created_at").asLong()), key.get().secretKey()).toJson();
        signatures.incrementAndGet();
        return signed;
    }

    private interface Body {
        String get() throws IOException;
    }

    /** Every answer allows the shop's origin to call: the page and the signer are on different loopback ports. */
    private static void answer(HttpExchange exchange, Body body) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type");
            if ("OPTIONS".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            byte[] bytes;
            int status = 200;
            try {
                bytes = body.get().getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException | IOException e) {
                status = 400;
                bytes = ("{\"error\":\"" + e.getClass().getSimpleName() + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
