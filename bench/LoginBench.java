// Complete logins per second over HTTP (GET challenge, sign with NIP-07's event shape, POST login), next to raw BIP-340
// verifications per second measured in this JVM on every core. Run through bench/login.sh, which starts a Hostr to
// log in to and adds the JMH single-thread figure from bench/verify.sh.
//
// The clients share the machine with the server, so they are kept lean, as load generators are: each keeps one
// keep-alive connection and speaks HTTP/1.1 by hand, and one event-loop thread serves them all (as wrk does; a thread
// per connection cost the machine a wake-up per answer, 80 against 50 us of client CPU per login). Signing is the
// customer's work, done by their signer on their own machine; here it takes the server's cores. So, as a load
// generator builds its requests before it starts the clock, the clients draw their signing nonces before the measured
// round: a random k and R = k·G, the costly part of a BIP-340 signature, each used once (BIP-340 allows any nonce
// that is secret, uniform and never reused). In the round a signature is then e = H(R, P, id) and s = k + e·d, over an
// event carrying the challenge just received. -Dbench.fullSigning=true signs as a signer extension does, nonce and
// all (Bouncy Castle's BIP340Signer). Every login is still a real challenge, a real signature that the server
// verifies in full, and a real 200 with a session cookie, or it counts as failed.
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import java.security.MessageDigest;
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
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;
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
        if (args[0].equals("ab")) {
            ab(args);
            return;
        }
        URI base = URI.create(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
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
        //    One run with a measured window at its end, as JMH's warm-up and measured iterations run in one fork: the
        //    warm-up (at least 30 s, -Dwarmup=N) lets the server's JIT settle, since after 15 s on a slow 2-core machine
        //    C2 still took 30% of the server's CPU. Nothing changes for the server where the window starts: the same
        //    customers go on over the same connections. Every boundary the server can see cost the window before:
        //    - closing the connections at the end of a warm-up round and opening new ones took branches the hot
        //      Jetty code had never taken, and C2 threw its compiled parser, connection and selector code away;
        //    - the server sat idle while nonces were drawn between two rounds, and new customers' keys met code
        //      compiled for returning ones.
        //    Recompiling took up to a seventh of the server's CPU in the window. So the nonces are drawn before the
        //    run; the clients sign with them from the window's start, and the window counts what happens in it.
        Nonces nonces = Boolean.getBoolean("bench.fullSigning") ? null : Nonces.draw(seconds * NONCES_PER_SECOND, cores);
        List<NostrKeyPair> customers = new ArrayList<>();
        for (int i = 0; i < clients; i++) customers.add(Keys.generate());
        Result result = new Result(new AtomicInteger(), new AtomicInteger(), new AtomicLong());
        long windowStart = System.nanoTime() + Duration.ofSeconds(Math.max(seconds, Integer.getInteger("warmup", 30))).toNanos();
        long windowEnd = windowStart + Duration.ofSeconds(seconds).toNanos();
        Run load = Run.start(base, windowEnd, customers, nonces, result);
        sleepUntil(windowStart);
        String serverPid = System.getProperty("server.pid");
        long serverTicks = serverPid == null ? 0 : cpuTicks(serverPid);
        long clientTicks = cpuTicks(String.valueOf(ProcessHandle.current().pid()));
        long[] machine = machineTicks();
        Result before = result.copy();
        load.measuring = true;
        System.err.println("measured round: " + seconds + " s from now"); // a cue for a profiler to attach
        sleepUntil(windowEnd);
        Result window = result.copy().minus(before);
        long serverTicksAfter = serverPid == null ? 0 : cpuTicks(serverPid);
        clientTicks = cpuTicks(String.valueOf(ProcessHandle.current().pid())) - clientTicks;
        long[] machineAfter = machineTicks();
        load.await();
        System.out.printf("machine idle over the measured round: %.1f%% of its cores%n",
                100.0 * (machineAfter[1] - machine[1]) / Math.max(1, machineAfter[0] - machine[0]));
        if (serverPid != null) {
            double micros = (serverTicksAfter - serverTicks) * 10_000.0 / Math.max(1, window.logins().get());
            System.out.printf("server CPU per login: %.0f us (user + system time of the Hostr process over the measured round)%n", micros);
        }
        AtomicInteger logins = window.logins();
        AtomicInteger failures = window.failures();
        AtomicLong signNanos = window.signNanos();
        double loginRate = logins.get() / (double) seconds;
        if (verifyFirst) {
            System.out.printf("raw BIP-340 event verifications in this JVM: %.0f/s (%d threads)%n", verifyRate, cores);
        }
        System.out.printf("complete logins over HTTP: %.0f/s (%d clients, %d failed; the clients' own signing took %.0f ms of CPU per second on this machine)%n",
                loginRate, clients, failures.get(), signNanos.get() / 1e6 / seconds);
        System.out.printf("client CPU per login: %.0f us (the whole load client, signing %s)%n",
                clientTicks * 10_000.0 / Math.max(1, logins.get()),
                nonces == null ? "with a fresh nonce each time, as a signer extension does"
                        : "with nonces drawn before the round; " + nonces.fallbacks.get() + " signatures drew their own when they ran out");
        if (verifyFirst) {
            System.out.printf("ratio logins / verifications on %d threads: %.3f%n", cores, loginRate / verifyRate);
        }
        System.out.printf("logins/s: %.0f%n", loginRate);
    }

    /**
     * Paired rounds against two servers, A and B (bench/login-ab.sh starts them): both warmed up, then short rounds
     * against one and the other in turn, the order swapped every pair, so a slow spell of the shared machine falls on
     * both. Prints each pair and the geometric mean of B/A for logins/s and for server CPU per login. Each round opens
     * its own connections, so each begins with the recompiling that main's single window avoids; it falls on both
     * servers alike, and the ratio stands, but the absolute figures read below login.sh's.
     * Args: ab URL_A PID_A URL_B PID_B SECONDS_PER_ROUND PAIRS.
     */
    static void ab(String[] args) throws Exception {
        URI[] base = {URI.create(args[1]), URI.create(args[3])};
        String[] pid = {args[2], args[4]};
        int seconds = Integer.parseInt(args[5]);
        int pairs = Integer.parseInt(args[6]);
        List<NostrKeyPair> customers = new ArrayList<>();
        for (int i = 0; i < 16; i++) customers.add(Keys.generate());
        Nonces nonces = Nonces.draw(pairs * 2 * seconds * 3_500, Runtime.getRuntime().availableProcessors());
        int warmup = Integer.getInteger("warmup", 30);
        for (int side = 0; side < 2; side++) round(base[side], warmup, customers, null);
        for (int side = 0; side < 2; side++) round(base[side], 10, customers, null); // A waited while B warmed up
        double logRate = 0, logCpu = 0;
        for (int p = 0; p < pairs; p++) {
            double[] rate = new double[2], cpu = new double[2];
            for (int turn = 0; turn < 2; turn++) {
                int side = p % 2 == 0 ? turn : 1 - turn;
                long ticks = cpuTicks(pid[side]);
                int logins = round(base[side], seconds, customers, nonces).logins().get();
                rate[side] = logins / (double) seconds;
                cpu[side] = (cpuTicks(pid[side]) - ticks) * 10_000.0 / Math.max(1, logins);
            }
            logRate += Math.log(rate[1] / rate[0]);
            logCpu += Math.log(cpu[1] / cpu[0]);
            System.out.printf("pair %d: A %.0f logins/s, %.0f us; B %.0f logins/s, %.0f us; B/A %.3f%n",
                    p + 1, rate[0], cpu[0], rate[1], cpu[1], rate[1] / rate[0]);
        }
        System.out.printf("B/A over %d pairs (geometric mean): logins/s %.3f, server CPU per login %.3f; %d signatures drew their own nonce%n",
                pairs, Math.exp(logRate / pairs), Math.exp(logCpu / pairs), nonces.fallbacks.get());
    }

    /** One round of {@code seconds} with its own connections; with nonces, the clients sign with them throughout. */
    static Result round(URI base, int seconds, List<NostrKeyPair> customers, Nonces nonces) throws Exception {
        Result result = new Result(new AtomicInteger(), new AtomicInteger(), new AtomicLong());
        Run run = Run.start(base, System.nanoTime() + Duration.ofSeconds(seconds).toNanos(), customers, nonces, result);
        run.measuring = nonces != null;
        run.await();
        return result;
    }

    /** User + system CPU time of a process in clock ticks (1/100 s), from /proc. */
    static long cpuTicks(String pid) throws IOException {
        String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat")).replaceAll(".*\\) ", "").split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** All CPU ticks of the machine and its idle ones (idle + iowait), from /proc/stat. */
    static long[] machineTicks() throws IOException {
        String[] fields = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long all = 0;
        for (int i = 1; i < fields.length; i++) all += Long.parseLong(fields[i]);
        return new long[] {all, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
    }

    record Result(AtomicInteger logins, AtomicInteger failures, AtomicLong signNanos) {
        Result copy() {
            return new Result(new AtomicInteger(logins.get()), new AtomicInteger(failures.get()), new AtomicLong(signNanos.get()));
        }

        Result minus(Result earlier) {
            return new Result(new AtomicInteger(logins.get() - earlier.logins.get()),
                    new AtomicInteger(failures.get() - earlier.failures.get()), new AtomicLong(signNanos.get() - earlier.signNanos.get()));
        }
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left; (left = nanoTime - System.nanoTime()) > 0; ) {
            Thread.sleep(Math.max(1, left / 1_000_000), 0);
        }
    }

    /** Nonces drawn per second of the measured round: more than the bare-Javalin floor's logins/s on these machines. */
    static final int NONCES_PER_SECOND = 16_000;

    /**
     * BIP-340 nonces drawn ahead: k with R = k·G of even y (k negated otherwise), and R's x, each handed out once.
     * When they run out a signature draws its own nonce, as in -Dbench.fullSigning, and is counted.
     */
    static final class Nonces {
        private final BigInteger[] ks;
        private final byte[][] rs;
        private final AtomicInteger next = new AtomicInteger();
        final AtomicInteger fallbacks = new AtomicInteger();

        private Nonces(int count) {
            ks = new BigInteger[count];
            rs = new byte[count][];
        }

        static Nonces draw(int count, int threads) throws Exception {
            Nonces nonces = new Nonces(count);
            BigInteger n = BIP340Signer.getDomain().getN();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    FixedPointCombMultiplier multiplier = new FixedPointCombMultiplier();
                    for (int i = first; i < count; i += threads) {
                        BigInteger k;
                        do { k = new BigInteger(256, RANDOM); } while (k.signum() == 0 || k.compareTo(n) >= 0);
                        ECPoint r = multiplier.multiply(BIP340Signer.getDomain().getG(), k).normalize();
                        nonces.ks[i] = r.getAffineYCoord().testBitZero() ? n.subtract(k) : k;
                        nonces.rs[i] = r.getAffineXCoord().getEncoded();
                    }
                }));
            }
            for (Future<?> part : parts) part.get();
            pool.shutdown();
            return nonces;
        }

        /** The index of an unused nonce, or -1 when none is left. */
        int take() {
            int i = next.getAndIncrement();
            return i < ks.length ? i : -1;
        }
    }

    static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The load: {@code clients} customers, each with its own key and keep-alive connection, logging in again and again
     * until {@code until}. The connections are served by one event-loop thread (-Dbench.loops=N for more), as load
     * generators such as wrk do: a thread per connection would cost the shared machine a wake-up per answer. Signatures
     * take the nonces drawn ahead once {@link #measuring} is set, and draw their own before.
     */
    static final class Run {
        volatile boolean measuring;
        private final List<Future<?>> jobs = new ArrayList<>();
        private ExecutorService threads;

        static Run start(URI base, long until, List<NostrKeyPair> customers, Nonces nonces, Result result) {
            Run run = new Run();
            int clients = customers.size();
            int loops = Math.max(1, Math.min(clients, Integer.getInteger("bench.loops", 1)));
            run.threads = Executors.newFixedThreadPool(loops);
            for (int l = 0, from = 0; l < loops; l++) {
                int share = clients / loops + (l < clients % loops ? 1 : 0);
                List<NostrKeyPair> mine = customers.subList(from, from + share);
                from += share;
                run.jobs.add(run.threads.submit(() -> { eventLoop(base, mine, until, result, nonces, run); return null; }));
            }
            return run;
        }

        void await() throws Exception {
            for (Future<?> f : jobs) f.get();
            threads.shutdown();
        }
    }

    static void eventLoop(URI base, List<NostrKeyPair> customers, long until, Result result, Nonces nonces, Run run) throws IOException {
        try (Selector selector = Selector.open()) {
            for (NostrKeyPair customer : customers) {
                Client client = new Client(base, customer, nonces, result, run);
                client.connect(selector);
            }
            while (System.nanoTime() < until) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Client client = (Client) key.attachment();
                    try {
                        client.readable(key);
                    } catch (IOException | RuntimeException e) {
                        result.failures().incrementAndGet();
                        client.close(key);
                        new Client(base, client.key, nonces, result, run).connect(selector);
                    }
                }
                selector.selectedKeys().clear();
            }
            for (SelectionKey key : selector.keys()) ((Client) key.attachment()).close(key);
        }
    }

    /** One customer's browser: a key, one keep-alive connection, HTTP/1.1 by hand, non-blocking. */
    static final class Client {
        private final URI base;
        private final Nonces nonces;
        private final Result result;
        private final Run run;
        private final BigInteger d;
        private final byte[] p;
        private final NostrKeyPair key;
        private final AsymmetricCipherKeyPair keyPair;
        private final String host;
        private final byte[] challengeRequest;
        private SocketChannel channel;
        private ByteBuffer in = ByteBuffer.allocate(16_384);
        private boolean awaitingLogin;

        Client(URI base, NostrKeyPair key, Nonces nonces, Result result, Run run) {
            this.base = base;
            this.run = run;
            this.key = key;
            this.nonces = nonces;
            this.result = result;
            ECPrivateKeyParameters secret = new ECPrivateKeyParameters(new java.math.BigInteger(1, key.secretKey()), BIP340Signer.getDomain());
            this.keyPair = new AsymmetricCipherKeyPair(new ECPublicKeyParameters(
                    new FixedPointCombMultiplier().multiply(BIP340Signer.getDomain().getG(), secret.getD()).normalize(),
                    BIP340Signer.getDomain()), secret);
            // BIP-340 signs with the d whose point has an even y
            ECPoint point = ((ECPublicKeyParameters) keyPair.getPublic()).getQ();
            this.d = point.getAffineYCoord().testBitZero() ? BIP340Signer.getDomain().getN().subtract(secret.getD()) : secret.getD();
            this.p = point.getAffineXCoord().getEncoded();
            this.host = base.getHost() + ":" + base.getPort();
            this.challengeRequest = ("GET /api/v1/auth/challenge HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        }

        void connect(Selector selector) throws IOException {
            channel = SocketChannel.open(new InetSocketAddress(base.getHost(), base.getPort()));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, this);
            send(challengeRequest);
        }

        void close(SelectionKey key) {
            key.cancel();
            try { channel.close(); } catch (IOException ignored) { }
        }

        /** Reads what arrived; each complete answer moves the login on: challenge → signed login → next challenge. */
        void readable(SelectionKey selectionKey) throws IOException {
            if (!in.hasRemaining()) throw new IOException("an answer larger than the bench's buffer");
            if (channel.read(in) < 0) throw new IOException("connection closed");
            Response response;
            while ((response = nextResponse()) != null) {
                if (!awaitingLogin) {
                    if (response.status != 200) throw new IOException("challenge answered " + response.status);
                    int at = response.body.indexOf("\"challenge\":\"") + 13;
                    String value = response.body.substring(at, response.body.indexOf('"', at));
                    long start = System.nanoTime();
                    String header = "Nostr " + Base64.getEncoder().encodeToString(signedLoginEvent(value).getBytes(StandardCharsets.UTF_8));
                    result.signNanos().addAndGet(System.nanoTime() - start);
                    awaitingLogin = true;
                    send(("POST /api/v1/auth/login HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + header
                            + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                } else {
                    if (response.status == 200 && response.setsCookie) result.logins().incrementAndGet(); else result.failures().incrementAndGet();
                    awaitingLogin = false;
                    send(challengeRequest);
                }
            }
        }

        /** A complete answer taken off the front of the buffer, or null while it is still arriving. */
        private Response nextResponse() throws IOException {
            byte[] bytes = in.array();
            int filled = in.position();
            int headEnd = -1;
            for (int i = 3; i < filled; i++) {
                if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') { headEnd = i + 1; break; }
            }
            if (headEnd < 0) return null;
            String head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(head, 9, 12, 10);
            int length = -1;
            boolean cookie = false;
            // Line by line without String.split, whose two-character separator compiles a regular expression per call.
            for (int from = head.indexOf("\r\n") + 2, to; (to = head.indexOf("\r\n", from)) > from; from = to + 2) {
                int colon = head.indexOf(':', from);
                if (colon < 0 || colon > to) continue;
                if (head.regionMatches(true, from, "Content-Length", 0, colon - from) && colon - from == 14) {
                    length = Integer.parseInt(head.substring(colon + 1, to).trim());
                } else if (head.regionMatches(true, from, "Set-Cookie", 0, colon - from) && colon - from == 10
                        && head.startsWith("hostr_session=", colon + 1 + (head.charAt(colon + 1) == ' ' ? 1 : 0))) {
                    cookie = true;
                }
            }
            if (length < 0) throw new IOException("the bench expects a Content-Length on every answer");
            if (filled < headEnd + length) return null;
            String body = new String(bytes, headEnd, length, StandardCharsets.UTF_8);
            in.flip();
            in.position(headEnd + length);
            in.compact();
            return new Response(status, cookie, body);
        }

        /** Writes a whole request; a request of a few hundred bytes leaves at once on a connection with nothing queued. */
        private void send(byte[] request) throws IOException {
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) Thread.onSpinWait();
            }
        }

        private String signedLoginEvent(String challenge) {
            EventTemplate template = new EventTemplate(27235, List.of(List.of("u", base + "/api/v1/auth/login"),
                    List.of("method", "POST"), List.of("challenge", challenge)), "", Instant.now().getEpochSecond());
            String pubkey = key.pubkey();
            String id = EventSerializer.eventId(pubkey, template.createdAt(), template.kind(), template.tags(), template.content());
            byte[] message = Hex.decode(id, 32);
            boolean drawnAhead = nonces != null && run.measuring;
            int nonce = drawnAhead ? nonces.take() : -1;
            if (nonce >= 0) {
                return new NostrEvent(id, pubkey, template.createdAt(), template.kind(), template.tags(),
                        template.content(), Hex.encode(signWith(nonce, message))).toJson();
            }
            if (drawnAhead) nonces.fallbacks.incrementAndGet();
            BIP340Signer signer = new BIP340Signer();
            // With the public point given, the signer does not work d·G out again at every signature: a signer
            // extension holds its key pair, and this halves what the clients take of the machine's two cores.
            signer.init(true, keyPair, RANDOM);
            signer.update(message, 0, message.length);
            byte[] sig = signer.generateSignature();
            return new NostrEvent(id, pubkey, template.createdAt(), template.kind(), template.tags(),
                    template.content(), Hex.encode(sig)).toJson();
        }

        /** BIP-340's signature with a nonce drawn ahead: R's x, then s = k + e·d mod n, e = H_challenge(R, P, m). */
        private byte[] signWith(int nonce, byte[] message) {
            BigInteger n = BIP340Signer.getDomain().getN();
            byte[] r = nonces.rs[nonce];
            BigInteger e = new BigInteger(1, taggedHash("BIP0340/challenge", r, p, message)).mod(n);
            BigInteger s = nonces.ks[nonce].add(e.multiply(d)).mod(n);
            byte[] sig = new byte[64];
            System.arraycopy(r, 0, sig, 0, 32);
            byte[] sBytes = BigIntegers.asUnsignedByteArray(32, s);
            System.arraycopy(sBytes, 0, sig, 32, 32);
            return sig;
        }

        private static byte[] taggedHash(String tag, byte[]... parts) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] tagHash = sha.digest(tag.getBytes(StandardCharsets.UTF_8));
                sha.update(tagHash);
                sha.update(tagHash);
                for (byte[] part : parts) sha.update(part);
                return sha.digest();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private record Response(int status, boolean setsCookie, String body) {
        }

    }
}
