package org.hostr.sim.strike;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.BooleanSupplier;

/** A webhook endpoint for tests: records each POST and answers the scripted statuses in order (the last repeats). */
final class WebhookReceiver implements AutoCloseable {
    record Hit(byte[] body, String signature) {
    }

    private final HttpServer server;
    private final LinkedBlockingDeque<Integer> statuses = new LinkedBlockingDeque<>();
    final List<Hit> hits = new CopyOnWriteArrayList<>();

    WebhookReceiver(Integer... answers) {
        statuses.addAll(List.of(answers.length == 0 ? new Integer[] {200} : answers));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/webhooks/strike", exchange -> {
            try (exchange) {
                hits.add(new Hit(exchange.getRequestBody().readAllBytes(), exchange.getRequestHeaders().getFirst("X-Webhook-Signature")));
                int status = statuses.size() > 1 ? statuses.pollFirst() : statuses.peekFirst();
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/strike";
    }

    /** Polls until the condition holds; fails the test after {@code within}. */
    static void await(Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + within);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
