// Raw BIP-340 verifications per second against complete logins per second (challenge + login over HTTP), measured
// in the same run on the same machine. Run through bench/login.sh, which starts a Hostr to log in to.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.EventVerifier;
import org.hostr.nostr.Keys;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.NostrKeyPair;

public class LoginBench {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        int seconds = Integer.parseInt(args[1]);
        NostrKeyPair key = Keys.generate();

        // 1. raw verification of a signed event (id recomputed + BIP-340), one thread per core
        NostrEvent sample = EventSigner.sign(new EventTemplate(27235, List.of(List.of("u", base)), "", Instant.now().getEpochSecond()), key.secretKey());
        for (int i = 0; i < 2000; i++) EventVerifier.verify(sample);
        int cores = Runtime.getRuntime().availableProcessors();
        AtomicInteger verified = new AtomicInteger();
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < cores; t++) jobs.add(pool.submit(() -> { while (System.nanoTime() < until) { EventVerifier.verify(sample); verified.incrementAndGet(); } }));
        for (Future<?> f : jobs) f.get();
        double verifyRate = verified.get() / (double) seconds;

        // 2. complete logins: GET challenge, sign, POST login; 8 clients in parallel
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 50; i++) login(http, base, key);
        AtomicInteger logins = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long until2 = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        jobs.clear();
        for (int t = 0; t < 8; t++) jobs.add(clients.submit(() -> {
            NostrKeyPair k = Keys.generate();
            while (System.nanoTime() < until2) {
                try { if (login(http, base, k)) logins.incrementAndGet(); else failures.incrementAndGet(); }
                catch (Exception e) { failures.incrementAndGet(); }
            }
        }));
        for (Future<?> f : jobs) f.get();
        double loginRate = logins.get() / (double) seconds;
        pool.shutdown(); clients.shutdown();
        System.out.printf("raw BIP-340 event verifications: %.0f/s (%d threads)%n", verifyRate, cores);
        System.out.printf("complete logins over HTTP: %.0f/s (8 clients, %d failed)%n", loginRate, failures.get());
        System.out.printf("ratio logins/verifications: %.2f (goal >= 0.50)%n", loginRate / verifyRate);
    }

    static boolean login(HttpClient http, String base, NostrKeyPair key) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/challenge")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String challenge = body.replaceAll(".*\"challenge\":\"([0-9a-f]+)\".*", "$1");
        NostrEvent event = EventSigner.sign(new EventTemplate(27235, List.of(List.of("u", base + "/api/v1/auth/login"),
                List.of("method", "POST"), List.of("challenge", challenge)), "", Instant.now().getEpochSecond()), key.secretKey());
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Authorization", "Nostr " + Base64.getEncoder().encodeToString(event.toJson().getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        return r.statusCode() == 200;
    }
}
