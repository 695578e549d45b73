package org.hostr.nostr.relay;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.hostr.nostr.EventVerification;
import org.hostr.nostr.EventVerifier;
import org.hostr.nostr.NostrEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription held open on several relays, for a conversation rather than a fetch (NIP-46): events of one kind
 * p-tagged to one key arrive as the relays see them, and our own events go out over the same connections. The REQ is
 * queued on each socket before any EVENT, so an answer to something we publish cannot slip past the subscription
 * (kind 24133 is ephemeral: a relay forwards it to live subscriptions and keeps nothing).
 *
 * <p>Relays are strangers: what they send is checked here (size, shape, kind, p tag, id and signature) and only
 * then handed on, each event once however many relays carry it. Nothing a relay sends can throw out of here.
 */
public final class LiveSubscription implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveSubscription.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the owner hears; called on relay reader threads, possibly several at once. */
    public interface Listener {
        /** An event that passed every check, seen for the first time. */
        void onEvent(NostrEvent event);

        /** Every relay has failed or closed: nothing more will arrive. Called at most once. */
        void onAllRelaysGone();
    }

    private final String subscriptionId;
    private final int kind;
    private final String taggedPubkey;
    private final Predicate<NostrEvent> worthChecking;
    private final Listener listener;
    private final SeenEvents seen = new SeenEvents();
    private final List<LiveConnection> connections = new ArrayList<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private LiveSubscription(int kind, String taggedPubkey, Predicate<NostrEvent> worthChecking, Listener listener) {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        this.subscriptionId = HexFormat.of().formatHex(id);
        this.kind = kind;
        this.taggedPubkey = taggedPubkey;
        this.worthChecking = worthChecking;
        this.listener = listener;
    }

    /**
     * Subscribes on every relay at once and returns without waiting for any of them.
     *
     * @param worthChecking a cheap test (e.g. the sender) run before the signature check, so unwanted events cost
     *                      little
     */
    public static LiveSubscription open(RelayClient relays, List<String> relayUrls, int kind, String taggedPubkey,
                                        Predicate<NostrEvent> worthChecking, Listener listener) {
        LiveSubscription subscription = new LiveSubscription(kind, taggedPubkey, worthChecking, listener);
        List<String> urls = RelayUrls.firstDistinct(relayUrls);
        subscription.open.set(urls.size());
        String req = "[\"REQ\",\"" + subscription.subscriptionId + "\",{\"kinds\":[" + kind + "],\"#p\":[\""
                + taggedPubkey + "\"]}]";
        for (String url : urls) {
            LiveConnection connection = new LiveConnection(url, subscription);
            synchronized (subscription.connections) {
                subscription.connections.add(connection);
            }
            connection.start(relays, req);
        }
        if (urls.isEmpty()) {
            subscription.relayGone();
        }
        return subscription;
    }

    /** Sends the event to every relay still connected; a relay's OK or refusal is only logged. */
    public void publish(NostrEvent event) {
        String frame = "[\"EVENT\"," + event.toJson() + "]";
        for (LiveConnection connection : snapshot()) {
            connection.send(frame);
        }
    }

    /** Leaves every relay at once; nothing is delivered afterwards. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            snapshot().forEach(LiveConnection::cancel);
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    String subscriptionId() {
        return subscriptionId;
    }

    /** The checks that cost nothing, in the order a hostile relay would probe them. */
    void consider(String relayUrl, NostrEvent event) {
        if (closed.get() || event.kind() != kind || !isTagged(event) || !worthChecking.test(event)) {
            return;
        }
        if (seen.contains(event.id())) {
            return;
        }
        EventVerification verification = EventVerifier.verify(event);
        if (verification != EventVerification.OK) {
            log.debug("relay {} sent event {} that fails verification: {}", relayUrl, event.id(), verification);
            return;
        }
        // Marked only once verified: a forged copy of an id must not make us drop the genuine one.
        if (!seen.add(event.id())) {
            return;
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.warn("an event from relay {} could not be handled", relayUrl, e);
        }
    }

    /** One relay is gone; when it was the last, the owner hears it. */
    void relayGone() {
        if (open.decrementAndGet() <= 0 && !closed.get()) {
            listener.onAllRelaysGone();
        }
    }

    private boolean isTagged(NostrEvent event) {
        return event.tags().stream().anyMatch(t -> t.size() >= 2 && "p".equals(t.get(0)) && taggedPubkey.equals(t.get(1)));
    }

    private List<LiveConnection> snapshot() {
        synchronized (connections) {
            return List.copyOf(connections);
        }
    }

    /** Ids already handed on: every relay carries the same event, and the owner should hear it once. */
    private static final class SeenEvents {
        private static final int MAX = 1024;
        private final Set<String> ids = new LinkedHashSet<>();

        synchronized boolean contains(String id) {
            return ids.contains(id);
        }

        synchronized boolean add(String id) {
            if (ids.size() >= MAX) {
                ids.remove(ids.iterator().next());
            }
            return ids.add(id);
        }
    }
}
