package org.hostr.nostr.relay;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import okhttp3.Authenticator;
import okhttp3.CookieJar;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * Opens WebSockets to Nostr relays, which are strangers: the shared OkHttpClient is narrowed so a relay can neither
 * see what the shop's other clients send (interceptors, cookies) nor make us hold more than a bounded amount of its
 * data in memory. Shared with the injected client: its connection pool, proxy, TLS and DNS settings.
 */
public final class RelayClient {
    /** The largest single relay message we read; a profile is a few KiB. Bigger drops the relay. */
    public static final int MAX_MESSAGE_CHARS = 256 * 1024;
    /** Everything one relay may send on one connection, handshake included. */
    static final long MAX_BYTES_PER_CONNECTION = 4L * MAX_MESSAGE_CHARS;
    /** Sockets beyond this wait in OkHttp's queue, and a fetch whose deadline passes first simply skips them. */
    static final int MAX_OPEN_SOCKETS = 128;
    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

    private final OkHttpClient http;

    public RelayClient(OkHttpClient shared) {
        OkHttpClient.Builder builder = shared.newBuilder();
        // Interceptors of the shared client may add credentials meant for another service.
        builder.interceptors().clear();
        builder.networkInterceptors().clear();
        // An open WebSocket holds one of the dispatcher's running-call slots (64 by default) for its whole life, so
        // relay fetches get their own dispatcher rather than queueing the shop's other calls behind them.
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(MAX_OPEN_SOCKETS);
        this.http = builder
                .dispatcher(dispatcher)
                .addInterceptor(RelayClient::withoutCompression)
                .socketFactory(new ByteBudgetSocketFactory(MAX_BYTES_PER_CONNECTION))
                .cookieJar(CookieJar.NO_COOKIES)
                .authenticator(Authenticator.NONE)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10))
                .pingInterval(Duration.ZERO)
                // After our close frame a silent relay would otherwise hold the socket for a minute.
                .webSocketCloseTimeout(Duration.ofSeconds(2))
                .build();
    }

    /**
     * Starts connecting and returns at once; {@code listener} hears the rest.
     *
     * @throws IllegalArgumentException when {@code relayUrl} is not a ws:// or wss:// URL
     */
    public WebSocket open(String relayUrl, WebSocketListener listener) {
        String lower = relayUrl == null ? "" : relayUrl.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("wss://") && !lower.startsWith("ws://")) {
            throw new IllegalArgumentException("relay URL must start with wss:// or ws://, got \""
                    + RelayFrameReader.loggable(String.valueOf(relayUrl)) + "\"");
        }
        Request request = new Request.Builder().url(relayUrl).build();
        return http.newWebSocket(request, new ExtensionGuard(listener));
    }

    /**
     * OkHttp always offers permessage-deflate and inflates a whole message before any size check, so a few KiB of
     * compressed zeros could become gigabytes. We stop offering it.
     */
    private static Response withoutCompression(Interceptor.Chain chain) throws IOException {
        return chain.proceed(chain.request().newBuilder().removeHeader(EXTENSIONS).build());
    }

    /** Refuses a relay that turns on an extension we did not offer, before any of its frames is read. */
    private static final class ExtensionGuard extends WebSocketListener {
        private final WebSocketListener delegate;

        ExtensionGuard(WebSocketListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            if (response.header(EXTENSIONS) != null) {
                // cancel() makes OkHttp report onFailure, so the delegate still hears that the relay is gone.
                webSocket.cancel();
                return;
            }
            delegate.onOpen(webSocket, response);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            delegate.onMessage(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            delegate.onMessage(webSocket, bytes);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            delegate.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            delegate.onClosed(webSocket, code, reason);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            delegate.onFailure(webSocket, t, response);
        }
    }
}
