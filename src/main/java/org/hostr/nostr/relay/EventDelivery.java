package org.hostr.nostr.relay;

import java.util.concurrent.CompletableFuture;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.hostr.nostr.NostrEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relay's part of a publication: send {@code ["EVENT", event]} and wait for its {@code OK}. Anything the relay
 * does that is not a verdict on our event ends this relay's part as {@link PublishOutcome.Failed} with the reason;
 * nothing a relay sends can throw out of here. NOTICE and AUTH are the exceptions: relays send them unasked.
 */
final class EventDelivery extends WebSocketListener {
    private static final Logger log = LoggerFactory.getLogger(EventDelivery.class);

    private final String relayUrl;
    private final NostrEvent event;
    private final CompletableFuture<PublishOutcome> outcome = new CompletableFuture<>();
    // Guarded by this. OkHttp calls a listener from one reader thread; the lock is for stop() from the caller.
    private WebSocket webSocket;
    private String lastNotice;

    EventDelivery(String relayUrl, NostrEvent event) {
        this.relayUrl = relayUrl;
        this.event = event;
    }

    void start(RelayClient relays) {
        try {
            WebSocket opened = relays.open(relayUrl, this);
            synchronized (this) {
                webSocket = opened;
                if (outcome.isDone()) {
                    opened.cancel();
                }
            }
        } catch (IllegalArgumentException e) {
            outcome.complete(new PublishOutcome.Failed("not a ws:// or wss:// URL"));
        }
    }

    CompletableFuture<PublishOutcome> outcome() {
        return outcome;
    }

    /** The publication's time is up: whoever has not answered has timed out, and its connection is dropped. */
    void stop() {
        WebSocket toCancel;
        synchronized (this) {
            if (!outcome.complete(new PublishOutcome.TimedOut(lastNotice))) {
                return;
            }
            toCancel = webSocket;
        }
        log.debug("relay {} did not answer in time", relayUrl);
        if (toCancel != null) {
            toCancel.cancel();
        }
    }

    @Override
    public void onOpen(WebSocket ws, Response response) {
        ws.send("[\"EVENT\"," + event.toJson() + "]");
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
        if (outcome.isDone()) {
            return;
        }
        if (text.length() > RelayClient.MAX_MESSAGE_CHARS) {
            fail(ws, "sent a message of " + text.length() + " characters, more than " + RelayClient.MAX_MESSAGE_CHARS);
            return;
        }
        RelayFrame frame = RelayFrameReader.read(text);
        if (frame instanceof RelayFrame.Ok ok) {
            if (!ok.eventId().equals(event.id())) {
                fail(ws, "answered OK for another event, " + ok.eventId());
            } else if (outcome.complete(ok.accepted()
                    ? new PublishOutcome.Accepted(ok.message()) : new PublishOutcome.Rejected(ok.message()))) {
                ws.close(1000, null);
            }
        } else if (frame instanceof RelayFrame.Notice notice) {
            // Often a greeting or a rate-limit warning; if no OK follows, the timeout reports it.
            synchronized (this) {
                lastNotice = notice.message();
            }
        } else if (frame instanceof RelayFrame.Auth) {
            log.debug("relay {} asks for NIP-42 authentication; it will answer OK false if it requires it", relayUrl);
        } else if (frame instanceof RelayFrame.Unreadable unreadable) {
            fail(ws, "sent an unreadable message (" + unreadable.why() + ")");
        } else {
            fail(ws, "sent " + frame.getClass().getSimpleName() + " for a subscription we never opened");
        }
    }

    @Override
    public void onMessage(WebSocket ws, ByteString bytes) {
        fail(ws, "sent a binary message; Nostr is text only");
    }

    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
        fail(ws, "closed the connection before answering (code " + code + ")");
    }

    @Override
    public void onFailure(WebSocket ws, Throwable failure, Response response) {
        String reason = response != null
                ? "answered HTTP " + response.code() + " instead of opening a WebSocket"
                : "connection failed: " + RelayFrameReader.loggable(String.valueOf(failure));
        if (outcome.complete(new PublishOutcome.Failed(reason))) {
            log.debug("relay {} {}", relayUrl, reason);
        }
    }

    private void fail(WebSocket ws, String reason) {
        if (outcome.complete(new PublishOutcome.Failed(reason))) {
            log.debug("relay {} dropped: {}", relayUrl, reason);
            ws.cancel();
        }
    }
}
