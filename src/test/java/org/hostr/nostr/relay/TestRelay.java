package org.hostr.nostr.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny Nostr relay on a random port. Each path is one relay ({@code ws://127.0.0.1:port/<name>}) with its own
 * script: given the subscription id of a REQ, the frames to answer with. Everything a relay receives is recorded.
 */
final class TestRelay implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Map<String, Function<String, List<String>>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> received = new ConcurrentHashMap<>();
    private final Javalin app;

    TestRelay() {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.ws("/{name}", ws -> ws.onMessage(ctx -> {
                String name = ctx.pathParam("name");
                received.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(ctx.message());
                JsonNode frame = JSON.readTree(ctx.message());
                Function<String, List<String>> script = scripts.get(name);
                if (script != null && "REQ".equals(frame.path(0).asText())) {
                    for (String answer : script.apply(frame.path(1).asText())) {
                        ctx.send(answer);
                    }
                }
            }));
        }).start("127.0.0.1", 0);
    }

    /** Adds a relay and returns its URL. */
    String relay(String name, Function<String, List<String>> script) {
        scripts.put(name, script);
        return "ws://127.0.0.1:" + app.port() + "/" + name;
    }

    /** A relay that stores these events and answers a REQ with all of them, then EOSE. */
    String storing(String name, String... eventJson) {
        return relay(name, sub -> {
            List<String> frames = new ArrayList<>();
            for (String e : eventJson) {
                frames.add(event(sub, e));
            }
            frames.add("[\"EOSE\",\"" + sub + "\"]");
            return frames;
        });
    }

    List<String> received(String name) {
        return received.getOrDefault(name, List.of());
    }

    static String event(String subscriptionId, String eventJson) {
        return "[\"EVENT\",\"" + subscriptionId + "\"," + eventJson + "]";
    }

    @Override
    public void close() {
        app.stop();
    }
}
