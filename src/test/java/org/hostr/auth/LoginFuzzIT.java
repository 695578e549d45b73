package org.hostr.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.hostr.testing.TestApp;
import org.hostr.testing.TestDatabases.Kind;
import org.hostr.testing.TestNostr;
import org.junit.jupiter.api.Test;

/** 10,000 random and mutated login headers: never a 5xx, never a login, never a customer. */
class LoginFuzzIT {

    @Test
    void randomAndMutatedLoginHeadersAreRefusedCleanly() throws Exception {
        try (TestApp app = TestApp.start(Kind.SQLITE)) {
            Random random = new Random(20261121);
            TestNostr key = new TestNostr();
            String valid = key.loginEvent(TestNostr.challenge(app)).toJson();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Semaphore inFlight = new Semaphore(16);
            ConcurrentHashMap<Integer, Integer> statuses = new ConcurrentHashMap<>();
            List<CompletableFuture<?>> all = new ArrayList<>();
            List<String> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();

            for (int i = 0; i < 10_000; i++) {
                String header = mutate(random, valid);
                if (header.equals(TestNostr.header(org.hostr.nostr.NostrEvent.fromJson(valid)))) {
                    continue; // not a mutation: the signed event itself would rightly log in
                }
                HttpRequest request;
                try {
                    request = HttpRequest.newBuilder(URI.create(app.url("/api/v1/auth/login")))
                            .timeout(Duration.ofSeconds(20)).header("Authorization", header)
                            .POST(HttpRequest.BodyPublishers.noBody()).build();
                } catch (IllegalArgumentException notSendable) {
                    continue; // a header the HTTP client itself refuses to put on the wire
                }
                inFlight.acquire();
                all.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .whenComplete((r, e) -> {
                            inFlight.release();
                            if (e == null && r.statusCode() == 200) {
                                accepted.add(header);
                            }
                            statuses.merge(e == null ? r.statusCode() : -1, 1, Integer::sum);
                        }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();

            assertThat(accepted).as("mutated headers that logged in").isEmpty();
            assertThat(statuses.keySet()).allMatch(s -> s >= 400 && s < 500);
            assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThan(9_000);
            assertThat(app.app().database().dsl().fetchCount(org.hostr.db.generated.Tables.CUSTOMERS)).isZero();
        }
    }

    /** Garbage, truncations, byte flips, wrong encodings, huge tags, unicode: anything but the untouched event. */
    static String mutate(Random random, String validJson) {
        byte[] json = validJson.getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(8)) {
            case 0 -> {
                byte[] junk = new byte[random.nextInt(300)];
                random.nextBytes(junk);
                return "Nostr " + Base64.getEncoder().encodeToString(junk);
            }
            case 1 -> {
                return "Nostr " + Base64.getEncoder().encodeToString(validJson.substring(0, random.nextInt(validJson.length())).getBytes(StandardCharsets.UTF_8));
            }
            case 2 -> {
                byte[] copy = json.clone();
                copy[random.nextInt(copy.length)] ^= (byte) (1 + random.nextInt(255));
                return "Nostr " + Base64.getEncoder().encodeToString(copy);
            }
            case 3 -> {
                return "Nostr " + Base64.getEncoder().encodeToString(validJson.replace("\"tags\":[", "\"tags\":["
                        + "[\"x\",\"" + "y".repeat(random.nextInt(6000)) + "\"],".repeat(1 + random.nextInt(150))).getBytes(StandardCharsets.UTF_8));
            }
            case 4 -> {
                return "Nostr " + Base64.getEncoder().encodeToString(validJson.replaceFirst("\"content\":\"[^\"]*\"", "\"content\":\"\u202e\u0000😀\"")
                        .getBytes(StandardCharsets.UTF_8));
            }
            case 5 -> {
                return validJson;
            }
            case 6 -> {
                return "Nostr " + Base64.getEncoder().encodeToString(("[" + validJson + "]").getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                return "Bearer " + Base64.getEncoder().encodeToString(json);
            }
        }
    }
}
