package org.hostr.drills;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load balancer in front of several Hostr instances, as small as one can be: each request goes to the next backend
 * in turn, with its method, body and the headers Strike's webhooks carry. It remembers what it forwarded where, so a
 * test can tell which instance saw which request.
 */
final class RoundRobinBalancer implements AutoCloseable {
    private static final List<String> FORWARDED_HEADERS = List.of("Content-Type", "X-Webhook-Signature");

    /** One forwarded request: which backend (0-based) got it, and its body. */
    record Forwarded(int backend, String path, byte[] body, int status) {
    }

    private final List<String> backends;
    private final AtomicInteger next = new AtomicInteger();
    private final List<Forwarded> forwarded = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "balancer");
        t.setDaemon(true);
        return t;
    });
    private final HttpServer server;

    /** @param backends base URLs such as http://127.0.0.1:41234 */
    RoundRobinBalancer(List<String> backends) {
        this.backends = List.copyOf(backends);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Forwarded> forwarded() {
        return List.copyOf(forwarded);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int backend = Math.floorMod(next.getAndIncrement(), backends.size());
            String path = exchange.getRequestURI().toString();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backends.get(backend) + path))
                    .timeout(Duration.ofSeconds(10))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            FORWARDED_HEADERS.forEach(name -> {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    request.header(name, value);
                }
            });
            int status;
            byte[] answer;
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                status = response.statusCode();
                answer = response.body();
            } catch (IOException e) {
                status = 502;
                answer = new byte[0];
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 502;
                answer = new byte[0];
            }
            forwarded.add(new Forwarded(backend, path, body, status));
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
