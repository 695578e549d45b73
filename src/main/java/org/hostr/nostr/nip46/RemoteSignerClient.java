package org.hostr.nostr.nip46;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.Hex;
import org.hostr.nostr.Keys;
import org.hostr.nostr.MalformedEventException;
import org.hostr.nostr.Nip44;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.NostrKeyPair;
import org.hostr.nostr.relay.LiveSubscription;
import org.hostr.nostr.relay.RelayClient;

/**
 * Our side of one NIP-46 conversation with a remote signer. Each client makes its own key pair, which lives exactly
 * as long as the client: it is never the shop's key and is never written anywhere. Requests go to one signer key
 * only, NIP-44 encrypted and p-tagged to it; answers are taken only from that key, matched to our request by id.
 * Two ways to learn the signer: from a bunker URI ({@link #toBunker}), or from the first connect response that
 * carries the secret of our nostrconnect URI ({@link #awaitingSigner}).
 */
public final class RemoteSignerClient implements AutoCloseable {
    /** NIP-46 requests and responses; ephemeral, so relays forward them and keep nothing. */
    public static final int KIND = 24133;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NostrKeyPair clientKey = Keys.generate();
    private final String secret;
    private final Consumer<String> onAuthUrl;
    private final Clock clock;
    private final CompletableFuture<String> connected = new CompletableFuture<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile Signer signer;
    private volatile boolean relaysGone;
    private volatile LiveSubscription subscription;

    private record Signer(String pubkey, byte[] conversationKey) {
    }

    private record Pending(String method, CompletableFuture<String> result) {
    }

    private RemoteSignerClient(String secret, Consumer<String> onAuthUrl, Clock clock) {
        this.secret = secret;
        this.onAuthUrl = onAuthUrl;
        this.clock = clock;
    }

    /** Talks to the signer named in a bunker URI, on its relays. Call {@link #connect} first. */
    public static RemoteSignerClient toBunker(RelayClient relays, BunkerUri bunker, Consumer<String> onAuthUrl,
                                              Clock clock) {
        RemoteSignerClient client = new RemoteSignerClient(bunker.secret().orElse(null), onAuthUrl, clock);
        client.signer = new Signer(bunker.signerPubkey(),
                Nip44.conversationKey(client.clientKey.secretKey(), bunker.signerPubkey()));
        client.connected.complete(bunker.signerPubkey());
        client.subscribe(relays, bunker.relays());
        return client;
    }

    /** Waits on the given relays for whichever signer scans {@link #nostrConnectUri}; see {@link #signerConnected}. */
    public static RemoteSignerClient awaitingSigner(RelayClient relays, List<String> relayUrls,
                                                    Consumer<String> onAuthUrl, Clock clock) {
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        RemoteSignerClient client = new RemoteSignerClient(Hex.encode(secret), onAuthUrl, clock);
        client.subscribe(relays, relayUrls);
        return client;
    }

    private void subscribe(RelayClient relays, List<String> relayUrls) {
        this.subscription = LiveSubscription.open(relays, relayUrls, KIND, clientKey.pubkey(),
                // Once the signer is known nobody else is worth a signature check, let alone a decryption.
                event -> signer == null || signer.pubkey().equals(event.pubkey()),
                new SignerInbox(this));
    }

    /** The URI for the QR code; only for a client made by {@link #awaitingSigner}. */
    public String nostrConnectUri(List<String> relayUrls, String appName) {
        return NostrConnectUri.of(clientKey.pubkey(), relayUrls, secret, NostrConnectUri.LOGIN_PERMISSIONS, appName);
    }

    /** Completes with the remote signer's key once it has proved it scanned our URI (at once for a bunker URI). */
    public CompletableFuture<String> signerConnected() {
        return connected;
    }

    /**
     * {@code connect} with the bunker URI's secret; the signer answers "ack" (or, from some, the secret back). Only
     * for a client made by {@link #toBunker}: in the nostrconnect flow the signer's connect response came first.
     */
    public CompletableFuture<Void> connect() {
        Signer s = signer;
        if (s == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no remote signer is known yet"));
        }
        List<String> params = secret == null ? List.of(s.pubkey()) : List.of(s.pubkey(), secret);
        return call("connect", params).thenCompose(result -> "ack".equals(result) || secretMatches(result)
                ? CompletableFuture.completedFuture(null)
                : unexpected("the signer answered connect with something other than \"ack\""));
    }

    /** The key the person logs in with; it may differ from the signer's own key (NIP-46 asks to call this). */
    public CompletableFuture<String> getPublicKey() {
        return call("get_public_key", List.of()).thenCompose(result -> Hex.isLowercaseHex(result, 32)
                ? CompletableFuture.completedFuture(result)
                : unexpected("the signer's get_public_key answer is not a 64-character hex key"));
    }

    /** The signed event, well formed but not yet verified: the caller's checks decide what it is worth. */
    public CompletableFuture<NostrEvent> signEvent(EventTemplate template) {
        return call("sign_event", List.of(SignerMessages.eventTemplate(template))).thenCompose(result -> {
            try {
                return CompletableFuture.completedFuture(NostrEvent.fromJson(result));
            } catch (MalformedEventException e) {
                return unexpected("the signer's sign_event answer is not an event: " + e.getMessage());
            }
        });
    }

    /** A failed stage that carries the checked exception itself, so callers see it as the cause. */
    private static <T> CompletableFuture<T> unexpected(String message) {
        return CompletableFuture.failedFuture(new RemoteSignerException("unexpected_reply", message));
    }

    private CompletableFuture<String> call(String method, List<String> params) {
        Signer s = signer;
        if (s == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no remote signer has connected yet"));
        }
        String id = SignerMessages.newRequestId();
        Pending request = new Pending(method, new CompletableFuture<>());
        pending.put(id, request);
        request.result().whenComplete((r, e) -> pending.remove(id));
        String content = Nip44.encrypt(SignerMessages.request(id, method, params), s.conversationKey(), RANDOM);
        NostrEvent event = EventSigner.sign(new EventTemplate(KIND, List.of(List.of("p", s.pubkey())), content,
                clock.instant().getEpochSecond()), clientKey.secretKey());
        subscription.publish(event);
        if (relaysGone) {
            request.result().completeExceptionally(relaysUnreachable());
        }
        return request.result();
    }

    /** Our key for this conversation; only its public half ever leaves this object. */
    public String clientPubkey() {
        return clientKey.pubkey();
    }

    @Override
    public void close() {
        LiveSubscription s = subscription;
        if (s != null) {
            s.close();
        }
        connected.cancel(false);
        pending.values().forEach(p -> p.result().cancel(false));
    }

    // --- called by SignerInbox on relay threads ---

    String signerPubkey() {
        Signer s = signer;
        return s == null ? null : s.pubkey();
    }

    byte[] signerConversationKey() {
        return signer.conversationKey();
    }

    byte[] conversationKeyWith(String pubkey) {
        return Nip44.conversationKey(clientKey.secretKey(), pubkey);
    }

    /** The first sender to echo our secret becomes the signer, for good; later echoes change nothing. */
    synchronized void signerProvedSecret(String pubkey, byte[] conversationKey) {
        if (signer == null) {
            signer = new Signer(pubkey, conversationKey);
            connected.complete(pubkey);
        }
    }

    boolean secretMatches(String candidate) {
        return secret != null && candidate != null && MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    void answer(SignerResponse response) {
        Pending request = pending.get(response.id());
        if (request == null) {
            return;
        }
        if (response.isAuthChallenge()) {
            // The same request id will be answered again once the person has been through that page.
            AuthUrls.safe(response.error()).ifPresent(onAuthUrl);
        } else if (response.error() != null) {
            request.result().completeExceptionally(new SignerRefusedException(request.method(), response.error()));
        } else if (response.result() == null) {
            request.result().completeExceptionally(new RemoteSignerException("unexpected_reply",
                    "the signer answered " + request.method() + " with neither a result nor an error"));
        } else {
            request.result().complete(response.result());
        }
    }

    void relaysGone() {
        relaysGone = true;
        connected.completeExceptionally(relaysUnreachable());
        pending.values().forEach(p -> p.result().completeExceptionally(relaysUnreachable()));
    }

    private static RemoteSignerException relaysUnreachable() {
        return new RemoteSignerException("relays_unreachable",
                "none of the signer's relays could be reached, or they all closed the connection");
    }
}
