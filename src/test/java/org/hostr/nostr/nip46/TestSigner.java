package org.hostr.nostr.nip46;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.Keys;
import org.hostr.nostr.Nip44;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.NostrKeyPair;

/**
 * A NIP-46 remote signer run inside the test, as a phone app or bunker would be: it holds a user key apart from its
 * own signer key, listens on real relays for kind-24133 requests p-tagged to its signer key and answers them as
 * its {@link Behaviour} says. It uses its own WebSockets and JSON, not the code under test.
 */
public final class TestSigner implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Behaviour {
        /** Answers connect, get_public_key and sign_event as asked. */
        OBEDIENT,
        /** Connects, then the person declines the signature. */
        REFUSING,
        /** Receives every request and answers none. */
        SILENT,
        /** Signs a login for another site: the u tag is not the shop's login URL. */
        SIGNS_ANOTHER_URL,
        /** Signs with a challenge the shop never issued. */
        SIGNS_ANOTHER_CHALLENGE,
        /** Answers every method, but with something that method never returns. */
        ANSWERS_NONSENSE,
        /** Asks for a page to be opened before signing; signs once {@link #approve()} is called. */
        AUTH_URL_FIRST,
        /** Every answer is preceded by a forged one from another key, carrying a valid login for another user. */
        WITH_IMPOSTOR,
        /** Reports its user key, then signs with another key it holds. */
        SIGNS_WITH_ANOTHER_KEY
    }

    public static final String AUTH_PAGE = "https://signer.example/approve?request=7";

    private final NostrKeyPair signerKey = Keys.generate();
    private final NostrKeyPair userKey = Keys.generate();
    private final NostrKeyPair impostorKey = Keys.generate();
    private final NostrKeyPair impostorUser = Keys.generate();
    private final Behaviour behaviour;
    private final OkHttpClient http = new OkHttpClient();
    private final List<WebSocket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> methods = new CopyOnWriteArrayList<>();
    private final Set<String> handled = ConcurrentHashMap.newKeySet();
    private volatile Runnable heldAnswer;

    public TestSigner(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    public String signerPubkey() {
        return signerKey.pubkey();
    }

    public String userPubkey() {
        return userKey.pubkey();
    }

    public String impostorUserPubkey() {
        return impostorUser.pubkey();
    }

    /** The methods asked of this signer so far, in order. */
    public List<String> methods() {
        return List.copyOf(methods);
    }

    /** Subscribes on each relay and returns once every one of them has answered EOSE: from then on it hears requests. */
    public TestSigner listenOn(List<String> relays) {
        CountDownLatch live = new CountDownLatch(relays.size());
        for (String relay : relays) {
            WebSocket ws = http.newWebSocket(new Request.Builder().url(relay).build(), new Listener(live));
            ws.send("[\"REQ\",\"signer\",{\"kinds\":[24133],\"#p\":[\"" + signerKey.pubkey() + "\"]}]");
            sockets.add(ws);
        }
        await(() -> live.getCount() == 0, "the relays to confirm the signer's subscription");
        return this;
    }

    public String bunkerUri(String secret, String... relays) {
        StringBuilder uri = new StringBuilder("bunker://").append(signerKey.pubkey());
        char separator = '?';
        for (String relay : relays) {
            uri.append(separator).append("relay=").append(relay);
            separator = '&';
        }
        return secret == null ? uri.toString() : uri.append("&secret=").append(secret).toString();
    }

    /** What a signer app does with a scanned nostrconnect:// code: listen on its relays, send the secret back. */
    public void scan(String nostrConnectUri) {
        URI uri = URI.create(nostrConnectUri);
        String clientPubkey = uri.getHost();
        List<String> relays = new ArrayList<>();
        String secret = null;
        for (String part : uri.getRawQuery().split("&")) {
            String[] kv = part.split("=", 2);
            String value = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            if (kv[0].equals("relay")) {
                relays.add(value);
            } else if (kv[0].equals("secret")) {
                secret = value;
            }
        }
        listenOn(relays);
        respond(signerKey, clientPubkey, JSON.createObjectNode().put("id", randomId()).put("result", secret));
    }

    /** Lets an AUTH_URL_FIRST signer sign, as if the person had approved on the page it showed. */
    public void approve() {
        await(() -> heldAnswer != null, "a sign_event request waiting for approval");
        heldAnswer.run();
    }

    private void handle(NostrEvent request) throws Exception {
        byte[] key = Nip44.conversationKey(signerKey.secretKey(), request.pubkey());
        JsonNode rpc = JSON.readTree(Nip44.decrypt(request.content(), key));
        String id = rpc.path("id").asText();
        String method = rpc.path("method").asText();
        methods.add(method);
        if (behaviour == Behaviour.SILENT) {
            return;
        }
        if (behaviour == Behaviour.WITH_IMPOSTOR) {
            respond(impostorKey, request.pubkey(), answer(id, method, rpc, impostorUser));
        }
        if (method.equals("sign_event") && behaviour == Behaviour.REFUSING) {
            respond(signerKey, request.pubkey(), JSON.createObjectNode().put("id", id).put("error", "user declined"));
        } else if (method.equals("sign_event") && behaviour == Behaviour.AUTH_URL_FIRST && heldAnswer == null) {
            JsonNode signed = answer(id, method, rpc, userKey);
            heldAnswer = () -> respond(signerKey, request.pubkey(), signed);
            respond(signerKey, request.pubkey(), JSON.createObjectNode().put("id", id).put("result", "auth_url")
                    .put("error", AUTH_PAGE));
        } else {
            respond(signerKey, request.pubkey(), answer(id, method, rpc, userKey));
        }
    }

    private JsonNode answer(String id, String method, JsonNode rpc, NostrKeyPair user) throws Exception {
        if (behaviour == Behaviour.ANSWERS_NONSENSE && !method.equals("connect")) {
            return JSON.createObjectNode().put("id", id).put("result", "{\"kind\":\"not an event\"}");
        }
        String result = switch (method) {
            case "connect" -> "ack";
            case "get_public_key" -> user.pubkey();
            case "sign_event" -> sign(JSON.readTree(rpc.path("params").path(0).asText()),
                    behaviour == Behaviour.SIGNS_WITH_ANOTHER_KEY ? impostorUser : user).toJson();
            default -> null;
        };
        return result == null ? JSON.createObjectNode().put("id", id).put("error", "unknown method")
                : JSON.createObjectNode().put("id", id).put("result", result);
    }

    private NostrEvent sign(JsonNode unsigned, NostrKeyPair user) {
        List<List<String>> tags = new ArrayList<>();
        for (JsonNode tag : unsigned.path("tags")) {
            String name = tag.path(0).asText();
            if (behaviour == Behaviour.SIGNS_ANOTHER_URL && name.equals("u")) {
                tags.add(List.of("u", "https://another-shop.example/api/v1/auth/login"));
            } else if (behaviour == Behaviour.SIGNS_ANOTHER_CHALLENGE && name.equals("challenge")) {
                tags.add(List.of("challenge", "00".repeat(32)));
            } else {
                tags.add(List.of(name, tag.path(1).asText()));
            }
        }
        return EventSigner.sign(new EventTemplate(unsigned.path("kind").asInt(), tags, unsigned.path("content").asText(),
                unsigned.path("created_at").asLong()), user.secretKey());
    }

    private void respond(NostrKeyPair from, String clientPubkey, JsonNode response) {
        byte[] key = Nip44.conversationKey(from.secretKey(), clientPubkey);
        NostrEvent event = EventSigner.sign(new EventTemplate(24133, List.of(List.of("p", clientPubkey)),
                Nip44.encrypt(response.toString(), key, RANDOM), Instant.now().getEpochSecond()), from.secretKey());
        sockets.forEach(ws -> ws.send("[\"EVENT\"," + event.toJson() + "]"));
    }

    private static String randomId() {
        return Long.toHexString(RANDOM.nextLong());
    }

    /** Waits for a condition, failing the test after ten seconds. */
    public static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    @Override
    public void close() {
        sockets.forEach(ws -> ws.close(1000, null));
    }

    private final class Listener extends WebSocketListener {
        private final CountDownLatch live;

        Listener(CountDownLatch live) {
            this.live = live;
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            try {
                JsonNode frame = JSON.readTree(text);
                if (frame.path(0).asText().equals("EOSE")) {
                    live.countDown();
                } else if (frame.path(0).asText().equals("EVENT")) {
                    NostrEvent event = NostrEvent.fromJson(frame.path(2).toString());
                    // The same request comes once per relay; a signer answers it once.
                    if (event.tags().contains(List.of("p", signerKey.pubkey())) && handled.add(event.id())) {
                        handle(event);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("the test signer could not read " + text, e);
            }
        }
    }
}
