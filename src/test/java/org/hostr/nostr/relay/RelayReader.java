package org.hostr.nostr.relay;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.hostr.nostr.NostrEvent;

/** What a customer's client does to read its inbox: one REQ, every EVENT until EOSE. */
final class RelayReader {
    private RelayReader() {
    }

    static List<NostrEvent> read(OkHttpClient http, String relayUrl, String filterJson) throws Exception {
        List<NostrEvent> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        WebSocket ws = http.newWebSocket(new Request.Builder().url(relayUrl).build(), new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                webSocket.send("[\"REQ\",\"inbox\"," + filterJson + "]");
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                RelayFrame frame = RelayFrameReader.read(text);
                if (frame instanceof RelayFrame.Event e) {
                    events.add(e.event());
                } else if (frame instanceof RelayFrame.EndOfStoredEvents) {
                    done.complete(null);
                }
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                done.completeExceptionally(t);
            }
        });
        try {
            done.get(3, TimeUnit.SECONDS);
        } finally {
            ws.cancel();
        }
        return events;
    }
}
