// Complete logins per second over HTTP (GET challenge, sign with NIP-07's event shape, POST login), next to raw BIP-340
// verifications per second measured in this JVM on every core. Run through bench/login.sh, which starts a Hostr to
// log in to and adds the JMH single-thread figure from bench/verify.sh.
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
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
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;

        // 1. raw verification of a signed event (id recomputed + BIP-340), one thread per core
        NostrKeyPair key = Keys.generate();
        NostrEvent sample = EventSigner.sign(new EventTemplate(27235, List.of(List.of("u", base)), "", Instant.now().getEpochSecond()), key.secretKey());
        for (int i = 0; i < 2000; i++) EventVerifier.verify(sample);
        int cores = Runtime.getRuntime().availableProcessors();
        AtomicInteger verified = new AtomicInteger();
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < cores; t++) jobs.add(pool.submit(() -> { while (System.nanoTime() < until) { EventVerifier.verify(sample); verified.incrementAndGet(); } }));
        for (Future<?> f : jobs) f.get();
        pool.shutdown();
        double verifyRate = verified.get() / (double) seconds;

        // 2. complete logins: GET challenge, sign, POST login; each client its own key, keep-alive connections
        OkHttpClient http = new OkHttpClient.Builder().connectionPool(new ConnectionPool(clients * 2, 1, TimeUnit.MINUTES)).build();
        for (int i = 0; i < 200; i++) login(http, base, key, new AtomicLong());
        AtomicInteger logins = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicLong signNanos = new AtomicLong();
        long until2 = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService clientThreads = Executors.newFixedThreadPool(clients);
        jobs.clear();
        for (int t = 0; t < clients; t++) jobs.add(clientThreads.submit(() -> {
            NostrKeyPair k = Keys.generate();
            while (System.nanoTime() < until2) {
                try { if (login(http, base, k, signNanos)) logins.incrementAndGet(); else failures.incrementAndGet(); }
                catch (Exception e) { failures.incrementAndGet(); }
            }
        }));
        for (Future<?> f : jobs) f.get();
        clientThreads.shutdown();
        double loginRate = logins.get() / (double) seconds;
        System.out.printf("raw BIP-340 event verifications in this JVM: %.0f/s (%d threads)%n", verifyRate, cores);
        System.out.printf("complete logins over HTTP: %.0f/s (%d clients, %d failed; the clients' own signing took %.0f ms of CPU per second on this machine)%n",
                loginRate, clients, failures.get(), signNanos.get() / 1e6 / seconds);
        System.out.printf("ratio logins / verifications on %d threads: %.3f%n", cores, loginRate / verifyRate);
        System.out.printf("logins/s: %.0f%n", loginRate);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    static boolean login(OkHttpClient http, String base, NostrKeyPair key, AtomicLong signNanos) throws Exception {
        String body;
        try (Response r = http.newCall(new Request.Builder().url(base + "/api/v1/auth/challenge").build()).execute()) {
            body = r.body().string();
        }
        String challenge = body.replaceAll(".*\"challenge\":\"([0-9a-f]+)\".*", "$1");
        long start = System.nanoTime();
        NostrEvent event = EventSigner.sign(new EventTemplate(27235, List.of(List.of("u", base + "/api/v1/auth/login"),
                List.of("method", "POST"), List.of("challenge", challenge)), "", Instant.now().getEpochSecond()), key.secretKey());
        String header = "Nostr " + Base64.getEncoder().encodeToString(event.toJson().getBytes(StandardCharsets.UTF_8));
        signNanos.addAndGet(System.nanoTime() - start);
        try (Response r = http.newCall(new Request.Builder().url(base + "/api/v1/auth/login").header("Authorization", header)
                .post(RequestBody.create(new byte[0])).build()).execute()) {
            r.body().string();
            return r.code() == 200;
        }
    }
}
