package org.hostr.nostr.relay;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.hostr.nostr.EventVerification;
import org.hostr.nostr.EventVerifier;
import org.hostr.nostr.NostrEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relay's part of fetching a replaceable event (a profile, kind 0; a DM relay list, kind 10050): send the REQ,
 * keep the newest valid event of that kind and pubkey, and finish at EOSE, CLOSED, NOTICE, a failure, or when the
 * fetch stops waiting. Whatever ends it, {@link #result()} completes with the best event seen so far; events are
 * trusted for their signature, not for the relay that sent them.
 */
final class ReplaceableSubscription extends WebSocketListener {
    private static final Logger log = LoggerFactory.getLogger(ReplaceableSubscription.class);
    /** We ask for one event; a relay that sends many more is ignored after this many, to bound signature checks. */
    static final int MAX_EVENTS = 20;

    private final String relayUrl;
    private final String subscriptionId;
    private final String pubkey;
    private final int kind;
    private final CompletableFuture<Optional<NostrEvent>> result = new CompletableFuture<>();
    // Guarded by this. OkHttp calls a listener from one reader thread; the lock is for stop() from the fetch thread.
    private NostrEvent best;
    private int events;
    private boolean finished;
    private WebSocket webSocket;

    ReplaceableSubscription(String relayUrl, String subscriptionId, String pubkey, int kind) {
        this.relayUrl = relayUrl;
        this.subscriptionId = subscriptionId;
        this.pubkey = pubkey;
        this.kind = kind;
    }

    /** Connects through {@code relays}; a URL that is not ws(s) finishes the subscription empty at once. */
    void start(RelayClient relays) {
        try {
            WebSocket opened = relays.open(relayUrl, this);
            synchronized (this) {
                webSocket = opened;
                if (finished) {
                    opened.cancel();
                }
            }
        } catch (IllegalArgumentException e) {
            log.debug("relay {} skipped: {}", RelayFrameReader.loggable(String.valueOf(relayUrl)), e.getMessage());
            finish();
        }
    }

    CompletableFuture<Optional<NostrEvent>> result() {
        return result;
    }

    /** The fetch's time is up: keep what arrived and drop the connection without waiting for the relay. */
    void stop() {
        WebSocket toCancel;
        synchronized (this) {
            if (!finish()) {
                return;
            }
            log.debug("relay {} did not finish in time", relayUrl);
            toCancel = webSocket;
        }
        if (toCancel != null) {
            toCancel.cancel();
        }
    }

    @Override
    public void onOpen(WebSocket ws, Response response) {
        ws.send("[\"REQ\",\"" + subscriptionId + "\",{\"kinds\":[" + kind + "],\"authors\":[\"" + pubkey
                + "\"],\"limit\":1}]");
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
        if (isFinished()) {
            return;
        }
        if (text.length() > RelayClient.MAX_MESSAGE_CHARS) {
            log.debug("relay {} dropped: sent a message of {} chars", relayUrl, text.length());
            end(ws, false);
            return;
        }
        RelayFrame frame = RelayFrameReader.read(text);
        if (frame instanceof RelayFrame.Event e && e.subscriptionId().equals(subscriptionId)) {
            consider(ws, e.event());
        } else if (frame instanceof RelayFrame.EndOfStoredEvents eose && eose.subscriptionId().equals(subscriptionId)) {
            end(ws, true);
        } else if (frame instanceof RelayFrame.Closed closed && closed.subscriptionId().equals(subscriptionId)) {
            log.debug("relay {} closed the subscription: {}", relayUrl, closed.message());
            end(ws, true);
        } else if (frame instanceof RelayFrame.Notice notice) {
            // A relay that answers our only REQ with a NOTICE has almost always refused it; waiting would only
            // hold the whole fetch until its deadline.
            log.debug("relay {} sent a notice: {}", relayUrl, notice.message());
            end(ws, true);
        } else if (frame instanceof RelayFrame.Unreadable unreadable) {
            log.debug("relay {} sent an unreadable message: {}", relayUrl, unreadable.why());
        }
    }

    @Override
    public void onMessage(WebSocket ws, ByteString bytes) {
        // Nostr is text only; a binary frame is garbage and ignored like any other.
    }

    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
        end(ws, false);
    }

    @Override
    public void onFailure(WebSocket ws, Throwable failure, Response response) {
        if (finish()) {
            log.debug("relay {} failed: {}", relayUrl, failure.toString());
        }
    }

    private void consider(WebSocket ws, NostrEvent event) {
        boolean tooMany;
        boolean couldWin;
        synchronized (this) {
            tooMany = ++events > MAX_EVENTS;
            // Cheap checks first: the signature is checked only for an event that would win.
            couldWin = event.kind() == kind && event.pubkey().equals(pubkey)
                    && (best == null || ReplaceableOrder.isNewer(event, best));
        }
        if (tooMany) {
            log.debug("relay {} dropped: sent more than {} events", relayUrl, MAX_EVENTS);
            end(ws, true);
            return;
        }
        if (!couldWin) {
            return;
        }
        EventVerification verification = EventVerifier.verify(event);
        if (verification != EventVerification.OK) {
            log.debug("relay {} sent event {} that fails verification: {}", relayUrl, event.id(), verification);
            return;
        }
        synchronized (this) {
            if (!finished && (best == null || ReplaceableOrder.isNewer(event, best))) {
                best = event;
            }
        }
    }

    /** Finishes and leaves the relay: politely (CLOSE, then a close frame) or by dropping the connection. */
    private void end(WebSocket ws, boolean politely) {
        finish();
        if (politely) {
            ws.send("[\"CLOSE\",\"" + subscriptionId + "\"]");
            ws.close(1000, null);
        } else {
            ws.cancel();
        }
    }

    private synchronized boolean isFinished() {
        return finished;
    }

    /** Completes the result once; true for the call that did it. */
    private synchronized boolean finish() {
        if (finished) {
            return false;
        }
        finished = true;
        result.complete(Optional.ofNullable(best));
        return true;
    }
}
