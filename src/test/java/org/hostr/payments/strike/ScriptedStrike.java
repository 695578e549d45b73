package org.hostr.payments.strike;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;

/** A stand-in for Strike that plays canned answers in order (the last one repeats) and records what it received. */
final class ScriptedStrike implements AutoCloseable {
    record Answer(int status, String contentType, String body) {
    }

    record Received(String method, String path, String rawQuery, String authorization, String accept,
                    String contentType, String body) {
    }

    private final HttpServer server;
    private final LinkedBlockingDeque<Answer> script = new LinkedBlockingDeque<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    ScriptedStrike() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                var h = exchange.getRequestHeaders();
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), h.getFirst("Authorization"), h.getFirst("Accept"),
                        h.getFirst("Content-Type"), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                Answer answer = script.size() > 1 ? script.pollFirst() : script.peekFirst();
                byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        });
        server.start();
    }

    ScriptedStrike json(int status, String body) {
        script.addLast(new Answer(status, "application/json", body));
        return this;
    }

    ScriptedStrike answer(int status, String contentType, String body) {
        script.addLast(new Answer(status, contentType, body));
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
