package org.hostr.nostr.relay;

import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relay's part of a {@link LiveSubscription}. A relay that misbehaves (an oversized message, a flood of events,
 * a refused subscription) is dropped; the others carry on. Garbage short of that is ignored frame by frame.
 */
final class LiveConnection extends WebSocketListener {
    private static final Logger log = LoggerFactory.getLogger(LiveConnection.class);
    /** A login conversation is a handful of events; a relay sending many more is flooding us. */
    static final int MAX_EVENTS = 100;

    private final String relayUrl;
    private final LiveSubscription owner;
    // Guarded by this. OkHttp calls the listener from one reader thread; the lock is for send() and cancel().
    private WebSocket webSocket;
    private boolean gone;
    private int events;

    LiveConnection(String relayUrl, LiveSubscription owner) {
        this.relayUrl = relayUrl;
        this.owner = owner;
    }

    /** Connects; the REQ is queued at once so that it goes out before anything we publish on this socket. */
    void start(RelayClient relays, String req) {
        try {
            WebSocket opened = relays.open(relayUrl, this);
            opened.send(req);
            synchronized (this) {
                webSocket = opened;
                if (gone) {
                    opened.cancel();
                }
            }
        } catch (IllegalArgumentException e) {
            log.debug("relay {} skipped: {}", RelayFrameReader.loggable(String.valueOf(relayUrl)), e.getMessage());
            markGone();
        }
    }

    void send(String frame) {
        WebSocket ws;
        synchronized (this) {
            ws = gone ? null : webSocket;
        }
        if (ws != null) {
            ws.send(frame);
        }
    }

    void cancel() {
        WebSocket ws;
        synchronized (this) {
            ws = webSocket;
        }
        markGone();
        if (ws != null) {
            ws.cancel();
        }
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
        if (owner.isClosed() || isGone()) {
            return;
        }
        if (text.length() > RelayClient.MAX_MESSAGE_CHARS) {
            drop(ws, "sent a message of " + text.length() + " characters");
            return;
        }
        RelayFrame frame = RelayFrameReader.read(text);
        if (frame instanceof RelayFrame.Event e && e.subscriptionId().equals(owner.subscriptionId())) {
            if (countEvent() > MAX_EVENTS) {
                drop(ws, "sent more than " + MAX_EVENTS + " events");
                return;
            }
            owner.consider(relayUrl, e.event());
        } else if (frame instanceof RelayFrame.Closed closed && closed.subscriptionId().equals(owner.subscriptionId())) {
            drop(ws, "closed the subscription: " + closed.message());
        } else if (frame instanceof RelayFrame.Ok ok && !ok.accepted()) {
            log.debug("relay {} refused event {}: {}", relayUrl, ok.eventId(), ok.message());
        } else if (frame instanceof RelayFrame.Notice notice) {
            log.debug("relay {} sent a notice: {}", relayUrl, notice.message());
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
        drop(ws, "closed the connection (code " + code + ")");
    }

    @Override
    public void onFailure(WebSocket ws, Throwable failure, Response response) {
        if (!isGone()) {
            log.debug("relay {} failed: {}", relayUrl, response != null
                    ? "answered HTTP " + response.code() : RelayFrameReader.loggable(String.valueOf(failure)));
        }
        markGone();
    }

    private void drop(WebSocket ws, String reason) {
        log.debug("relay {} dropped: {}", relayUrl, reason);
        markGone();
        ws.cancel();
    }

    private synchronized int countEvent() {
        return ++events;
    }

    private synchronized boolean isGone() {
        return gone;
    }

    /** Counts this relay out once, whatever ended it. */
    private void markGone() {
        synchronized (this) {
            if (gone) {
                return;
            }
            gone = true;
        }
        owner.relayGone();
    }
}
