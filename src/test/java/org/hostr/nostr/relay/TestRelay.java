package org.hostr.nostr.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A tiny Nostr relay on a random port. Each path is one relay ({@code ws://127.0.0.1:port/<name>}) with its own
 * script: given a REQ's subscription id (and filter), the frames to answer with; given a published EVENT's id, the
 * frames to answer with. A relay without an EVENT script never answers one. Everything a relay receives is recorded.
 * {@link #accepting} relays also keep a REQ open and forward events published after it, as a live relay does.
 */
public final class TestRelay implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Map<String, BiFunction<String, JsonNode, List<String>>> subscriptionScripts =
            new ConcurrentHashMap<>();
    private final Map<String, Function<JsonNode, List<String>>> eventScripts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> received = new ConcurrentHashMap<>();
    private final Set<String> liveRelays = ConcurrentHashMap.newKeySet();
    private final List<LiveRequest> liveRequests = new CopyOnWriteArrayList<>();
    private final Javalin app;

    /** A REQ still open on an accepting relay: new events that match its filter go to it. */
    private record LiveRequest(String relay, WsContext ctx, String subscriptionId, JsonNode filter) {
    }

    public TestRelay() {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.ws("/{name}", ws -> {
                ws.onMessage(this::answer);
                ws.onClose(ctx -> liveRequests.removeIf(r -> r.ctx().sessionId().equals(ctx.sessionId())));
            });
        }).start("127.0.0.1", 0);
    }

    private void answer(WsMessageContext ctx) throws Exception {
        String name = ctx.pathParam("name");
        received.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(ctx.message());
        JsonNode frame = JSON.readTree(ctx.message());
        String type = frame.path(0).asText();
        BiFunction<String, JsonNode, List<String>> subscriptionScript = subscriptionScripts.get(name);
        Function<JsonNode, List<String>> eventScript = eventScripts.get(name);
        List<String> answers = List.of();
        if (liveRelays.contains(name) && "REQ".equals(type)) {
            liveRequests.add(new LiveRequest(name, ctx, frame.path(1).asText(), frame.path(2)));
        } else if ("CLOSE".equals(type)) {
            liveRequests.removeIf(r -> r.ctx().sessionId().equals(ctx.sessionId())
                    && r.subscriptionId().equals(frame.path(1).asText()));
        }
        if (subscriptionScript != null && "REQ".equals(type)) {
            answers = subscriptionScript.apply(frame.path(1).asText(), frame.path(2));
        } else if (eventScript != null && "EVENT".equals(type)) {
            answers = eventScript.apply(frame.path(1));
        }
        for (String answer : answers) {
            ctx.send(answer);
        }
    }

    /** Adds a relay that answers a REQ with the script's frames, and returns its URL. */
    public String relay(String name, Function<String, List<String>> script) {
        subscriptionScripts.put(name, (sub, filter) -> script.apply(sub));
        return url(name);
    }

    /** Like {@link #relay(String, Function)}, with the REQ's filter too (e.g. to address events to its #p key). */
    public String answeringRequests(String name, BiFunction<String, JsonNode, List<String>> script) {
        subscriptionScripts.put(name, script);
        return url(name);
    }

    /** A relay that stores these events and answers a REQ with all of them, then EOSE. */
    public String storing(String name, String... eventJson) {
        return relay(name, sub -> {
            List<String> frames = new ArrayList<>();
            for (String e : eventJson) {
                frames.add(event(sub, e));
            }
            frames.add("[\"EOSE\",\"" + sub + "\"]");
            return frames;
        });
    }

    /**
     * A relay as a real one behaves, in small: it keeps every EVENT published to it, answers OK true, and answers a
     * REQ with the kept events that match the filter's {@code ids}, {@code kinds}, {@code authors} and {@code #p}.
     * The REQ stays open: events published later that match it are forwarded at once.
     */
    public String accepting(String name) {
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        liveRelays.add(name);
        eventScripts.put(name, event -> {
            events.add(event);
            liveRequests.stream().filter(r -> r.relay().equals(name) && matches(r.filter(), event))
                    .forEach(r -> r.ctx().send(event(r.subscriptionId(), event.toString())));
            return List.of(ok(event.path("id").asText(), true, ""));
        });
        subscriptionScripts.put(name, (sub, filter) -> {
            List<String> frames = new ArrayList<>();
            events.stream().filter(e -> matches(filter, e)).forEach(e -> frames.add(event(sub, e.toString())));
            frames.add("[\"EOSE\",\"" + sub + "\"]");
            return frames;
        });
        return url(name);
    }

    /** A relay that answers every published EVENT with the script's frames, given the event's id. */
    public String answeringEvents(String name, Function<String, List<String>> script) {
        eventScripts.put(name, event -> script.apply(event.path("id").asText()));
        return url(name);
    }

    /** A URL on this server where no relay is: the upgrade is answered with HTTP 404. */
    public String notARelay() {
        return "ws://127.0.0.1:" + app.port() + "/not/a/relay";
    }

    public List<String> received(String name) {
        return received.getOrDefault(name, List.of());
    }

    public static String event(String subscriptionId, String eventJson) {
        return "[\"EVENT\",\"" + subscriptionId + "\"," + eventJson + "]";
    }

    public static String ok(String eventId, boolean accepted, String message) {
        return "[\"OK\",\"" + eventId + "\"," + accepted + ",\"" + message + "\"]";
    }

    private String url(String name) {
        return "ws://127.0.0.1:" + app.port() + "/" + name;
    }

    private static boolean matches(JsonNode filter, JsonNode event) {
        return listed(filter.path("ids"), event.path("id").asText())
                && listed(filter.path("kinds"), event.path("kind").asText())
                && listed(filter.path("authors"), event.path("pubkey").asText())
                && (filter.path("#p").isMissingNode() || hasTag(event, "p", filter.path("#p")));
    }

    private static boolean listed(JsonNode allowed, String value) {
        if (allowed.isMissingNode()) {
            return true;
        }
        for (JsonNode a : allowed) {
            if (a.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasTag(JsonNode event, String name, JsonNode values) {
        for (JsonNode tag : event.path("tags")) {
            if (tag.path(0).asText().equals(name) && listed(values, tag.path(1).asText())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        app.stop();
    }
}
