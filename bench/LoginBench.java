// Complete logins per second over HTTP (GET challenge, sign with NIP-07's event shape, POST login), next to raw BIP-340
// verifications per second measured in this JVM on every core. Run through bench/login.sh, which starts a Hostr to
// log in to and adds the JMH single-thread figure from bench/verify.sh.
//
// The clients share the machine with the server, so they are kept lean, as load generators are: each keeps one
// keep-alive connection and speaks HTTP/1.1 over a plain socket, and signs with Bouncy Castle's BIP340Signer directly
// (a browser's signer on another machine would do this work; Hostr's own signer also re-verifies each signature).
// Every login is still a real challenge, a real signature and a real 200 with a session cookie, or it counts as failed.
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.BIP340Signer;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.hostr.nostr.EventSerializer;
import org.hostr.nostr.EventSigner;
import org.hostr.nostr.EventTemplate;
import org.hostr.nostr.EventVerifier;
import org.hostr.nostr.Hex;
import org.hostr.nostr.Keys;
import org.hostr.nostr.NostrEvent;
import org.hostr.nostr.NostrKeyPair;

public class LoginBench {
    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        boolean verifyFirst = args.length <= 3 || !args[3].equals("no-verify");

        double verifyRate = 0;
        int cores = Runtime.getRuntime().availableProcessors();
        if (verifyFirst) {
            // 1. raw verification of a signed event (id recomputed + BIP-340), one thread per core
            NostrKeyPair key = Keys.generate();
            NostrEvent sample = EventSigner.sign(new EventTemplate(27235, List.of(List.of("u", base.toString())), "",
                    Instant.now().getEpochSecond()), key.secretKey());
            for (int i = 0; i < 2000; i++) EventVerifier.verify(sample);
            AtomicInteger verified = new AtomicInteger();
            long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(cores);
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < cores; t++) jobs.add(pool.submit(() -> { while (System.nanoTime() < until) { EventVerifier.verify(sample); verified.incrementAndGet(); } }));
            for (Future<?> f : jobs) f.get();
            pool.shutdown();
            verifyRate = verified.get() / (double) seconds;
        }

        // 2. complete logins: GET challenge, sign, POST login; each client its own key and keep-alive connection.
        //    A first round warms the server's JIT up, as JMH's warm-up iterations do for step 1: at least 30 s
        //    (-Dwarmup=N to change it), since after 15 s on a slow 2-core machine C2 still took 30% of the server's CPU.
        run(base, Math.max(seconds, Integer.getInteger("warmup", 30)), clients);
        String serverPid = System.getProperty("server.pid");
        long serverTicks = serverPid == null ? 0 : cpuTicks(serverPid);
        Result result = run(base, seconds, clients);
        if (serverPid != null) {
            double micros = (cpuTicks(serverPid) - serverTicks) * 10_000.0 / Math.max(1, result.logins().get());
            System.out.printf("server CPU per login: %.0f us (user + system time of the Hostr process over the measured round)%n", micros);
        }
        AtomicInteger logins = result.logins();
        AtomicInteger failures = result.failures();
        AtomicLong signNanos = result.signNanos();
        double loginRate = logins.get() / (double) seconds;
        if (verifyFirst) {
            System.out.printf("raw BIP-340 event verifications in this JVM: %.0f/s (%d threads)%n", verifyRate, cores);
        }
        System.out.printf("complete logins over HTTP: %.0f/s (%d clients, %d failed; the clients' own signing took %.0f ms of CPU per second on this machine)%n",
                loginRate, clients, failures.get(), signNanos.get() / 1e6 / seconds);
        if (verifyFirst) {
            System.out.printf("ratio logins / verifications on %d threads: %.3f%n", cores, loginRate / verifyRate);
        }
        System.out.printf("logins/s: %.0f%n", loginRate);
    }

    /** User + system CPU time of a process in clock ticks (1/100 s), from /proc. */
    static long cpuTicks(String pid) throws IOException {
        String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat")).replaceAll(".*\\) ", "").split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    record Result(AtomicInteger logins, AtomicInteger failures, AtomicLong signNanos) {
    }

    static Result run(URI base, int seconds, int clients) throws Exception {
        Result result = new Result(new AtomicInteger(), new AtomicInteger(), new AtomicLong());
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService clientThreads = Executors.newFixedThreadPool(clients);
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < clients; t++) jobs.add(clientThreads.submit(() -> {
            Client client = null;
            while (System.nanoTime() < until) {
                try {
                    if (client == null) client = new Client(base, Keys.generate());
                    if (client.login(result.signNanos())) result.logins().incrementAndGet(); else result.failures().incrementAndGet();
                } catch (Exception e) {
                    result.failures().incrementAndGet();
                    if (client != null) client.close();
                    client = null;
                }
            }
            if (client != null) client.close();
        }));
        for (Future<?> f : jobs) f.get();
        clientThreads.shutdown();
        return result;
    }

    /** One customer's browser: a key, one keep-alive connection, HTTP/1.1 by hand. */
    static final class Client implements AutoCloseable {
        private static final SecureRandom RANDOM = new SecureRandom();
        private final URI base;
        private final NostrKeyPair key;
        private final AsymmetricCipherKeyPair keyPair;
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final String host;

        Client(URI base, NostrKeyPair key) throws IOException {
            this.base = base;
            this.key = key;
            ECPrivateKeyParameters secret = new ECPrivateKeyParameters(new java.math.BigInteger(1, key.secretKey()), BIP340Signer.getDomain());
            this.keyPair = new AsymmetricCipherKeyPair(new ECPublicKeyParameters(
                    new FixedPointCombMultiplier().multiply(BIP340Signer.getDomain().getG(), secret.getD()).normalize(),
                    BIP340Signer.getDomain()), secret);
            this.host = base.getHost() + ":" + base.getPort();
            this.socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 2000);
            socket.setSoTimeout(10_000);
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        boolean login(AtomicLong signNanos) throws IOException {
            Response challenge = send("GET /api/v1/auth/challenge HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
            if (challenge.status != 200) return false;
            int at = challenge.body.indexOf("\"challenge\":\"") + 13;
            String value = challenge.body.substring(at, challenge.body.indexOf('"', at));
            long start = System.nanoTime();
            String header = "Nostr " + Base64.getEncoder().encodeToString(signedLoginEvent(value).getBytes(StandardCharsets.UTF_8));
            signNanos.addAndGet(System.nanoTime() - start);
            Response login = send("POST /api/v1/auth/login HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + header
                    + "\r\nContent-Length: 0\r\n\r\n");
            return login.status == 200 && login.setsCookie;
        }

        private String signedLoginEvent(String challenge) {
            EventTemplate template = new EventTemplate(27235, List.of(List.of("u", base + "/api/v1/auth/login"),
                    List.of("method", "POST"), List.of("challenge", challenge)), "", Instant.now().getEpochSecond());
            String pubkey = key.pubkey();
            String id = EventSerializer.eventId(pubkey, template.createdAt(), template.kind(), template.tags(), template.content());
            byte[] message = Hex.decode(id, 32);
            BIP340Signer signer = new BIP340Signer();
            // With the public point given, the signer does not work d·G out again at every signature: a signer
            // extension holds its key pair, and this halves what the clients take of the machine's two cores.
            signer.init(true, keyPair, RANDOM);
            signer.update(message, 0, message.length);
            byte[] sig = signer.generateSignature();
            return new NostrEvent(id, pubkey, template.createdAt(), template.kind(), template.tags(),
                    template.content(), Hex.encode(sig)).toJson();
        }

        private record Response(int status, boolean setsCookie, String body) {
        }

        private Response send(String request) throws IOException {
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int length = -1;
            boolean cookie = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Content-Length")) length = Integer.parseInt(h.substring(colon + 1).trim());
                if (name.equalsIgnoreCase("Set-Cookie") && h.contains("hostr_session=")) cookie = true;
            }
            if (length < 0) throw new IOException("the bench expects a Content-Length on every answer");
            byte[] body = in.readNBytes(length);
            return new Response(status, cookie, new String(body, StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) throw new IOException("connection closed");
                if (b != '\r') line.append((char) b);
            }
            return line.toString();
        }

        @Override
        public void close() {
            try { socket.close(); } catch (IOException ignored) { }
        }
    }
}
