package org.hostr.sim.whm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A WHM server in the same process, speaking WHM API 1 over plain HTTP on a loopback port, for the demo and for
 * tests of the real {@code WhmClient} (spec §5). State is in memory. Faults are set through {@link #faults()},
 * {@link #goDown} or the {@code /sim/faults} route, which is the simulator's own and not part of WHM.
 *
 * <pre>{@code
 * WhmSimulator whm = new WhmSimulator().start(0);
 * new WhmClient(WhmEndpoint.of(whm.baseUrl(), WhmSimulator.DEFAULT_USER, WhmSimulator.DEFAULT_TOKEN));
 * }</pre>
 */
public final class WhmSimulator implements AutoCloseable {
    static {
        // The JDK server writes headers and body in separate packets; without TCP_NODELAY, delayed ACKs add ~40 ms to
        // every answer, and the simulator, not Hostr, would set the pace of every test and benchmark. Read once, at
        // the first HttpServer, so it is set here before any is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    public static final String DEFAULT_USER = "root";
    public static final String DEFAULT_TOKEN = "whm-sim-token";

    /** How the simulated server is unreachable. */
    public enum DownMode {
        /** Every WHM call answers HTTP 503; /sim/faults still works. */
        HTTP_503,
        /** Nothing listens on the port: connections are refused, /sim/faults included. */
        REFUSED
    }

    private final SimState state = new SimState();
    private final WhmFaults faults = new WhmFaults();
    private final Map<String, Set<String>> tokens = new ConcurrentHashMap<>();
    private final WhmApiRoute api;
    private volatile DownMode down;
    private HttpServer server;
    private ExecutorService workers;
    private ScheduledExecutorService timer;
    private int port = -1;

    /** Token {@value #DEFAULT_TOKEN} for user root; packages basic, standard and pro. */
    public WhmSimulator() {
        withToken(DEFAULT_USER, DEFAULT_TOKEN);
        withPackage("basic", 1024, 10240);
        withPackage("standard", 5120, 51200);
        withPackage("pro", 20480, 0);
        Map<String, SimFunction> functions = new HashMap<>();
        new AccountFunctions(state, faults).register(functions);
        new ReadFunctions(state).register(functions);
        this.api = new WhmApiRoute(Map.copyOf(functions), tokens, faults, () -> down == DownMode.HTTP_503);
    }

    public WhmSimulator withToken(String user, String token) {
        tokens.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(token);
        return this;
    }

    /** Adds or replaces a package; 0 MB means unlimited. */
    public WhmSimulator withPackage(String name, long quotaMb, long bwlimitMb) {
        state.putPackage(new SimPackage(name, quotaMb, bwlimitMb));
        return this;
    }

    public WhmSimulator withoutPackages() {
        state.clearPackages();
        return this;
    }

    /** Starts listening on 127.0.0.1; port 0 picks a free one. */
    public synchronized WhmSimulator start(int port) {
        if (server != null) {
            throw new IllegalStateException("the WHM simulator is already running at " + baseUrl());
        }
        workers = Executors.newFixedThreadPool(8, daemon("whm-sim"));
        timer = Executors.newSingleThreadScheduledExecutor(daemon("whm-sim-timer"));
        listen(port);
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (workers != null) {
            workers.shutdownNow();
            timer.shutdownNow();
            workers = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized String baseUrl() {
        if (port < 0) {
            throw new IllegalStateException("the WHM simulator has not been started");
        }
        return "http://127.0.0.1:" + port;
    }

    public synchronized int port() {
        return port;
    }

    public WhmFaults faults() {
        return faults;
    }

    public synchronized void goDown(DownMode mode) {
        down = mode;
        if (mode == DownMode.REFUSED && server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Back up on the same port after {@link #goDown}. */
    public synchronized void comeUp() {
        if (down == DownMode.REFUSED && workers != null) {
            listen(port);
        }
        down = null;
    }

    /**
     * For /sim/faults: down now, or for REFUSED after a moment so the route's own answer gets out first; back up
     * after {@code forMillis} when that is > 0.
     */
    void goDownSoon(DownMode mode, long forMillis) {
        long delay = mode == DownMode.REFUSED ? 100 : 0;
        if (delay == 0) {
            goDown(mode);
        } else {
            timer.schedule(() -> goDown(mode), delay, TimeUnit.MILLISECONDS);
        }
        if (forMillis > 0) {
            timer.schedule(this::comeUp, delay + forMillis, TimeUnit.MILLISECONDS);
        }
    }

    Optional<DownMode> down() {
        return Optional.ofNullable(down);
    }

    /** Forgets accounts, call counts and faults; keeps tokens and packages. */
    public void reset() {
        state.clearAccounts();
        api.resetCounts();
        faults.reset();
        comeUp();
    }

    /** Puts an account in place as if created earlier, without a call. */
    public void seedAccount(String user, String domain, String plan) {
        state.put(SimAccount.created(user, domain, plan, null, "Seeded-" + user + "-1", AccountFunctions.IP));
    }

    public int accountCount() {
        return state.accounts().size();
    }

    public Optional<SimAccount> account(String user) {
        return state.account(user);
    }

    public List<SimAccount> accounts() {
        return state.accounts();
    }

    /** createacct requests received, whatever their outcome. */
    public int createAccountCalls() {
        return api.calls("createacct");
    }

    /** Requests received for a function, whatever their outcome (bad tokens and faults included). */
    public int calls(String function) {
        return api.calls(function);
    }

    public Map<String, Integer> callsByFunction() {
        return api.callsByFunction();
    }

    /** Runs a simulator until the process is stopped: {@code WhmSimulator [port]}. */
    public static void main(String[] args) throws InterruptedException {
        WhmSimulator whm = new WhmSimulator().start(args.length > 0 ? Integer.parseInt(args[0]) : 2086);
        Runtime.getRuntime().addShutdownHook(new Thread(whm::stop));
        System.out.println("WHM simulator at " + whm.baseUrl() + ", user " + DEFAULT_USER + ", token "
                + DEFAULT_TOKEN + " (a fixed test token)");
        Thread.currentThread().join();
    }

    private void listen(int wanted) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 50);
            http.createContext(WhmApiRoute.PREFIX, api);
            http.createContext("/sim/faults", new FaultControlRoute(this));
            http.setExecutor(workers);
            http.start();
            server = http;
            port = http.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("the WHM simulator cannot listen on 127.0.0.1:" + wanted, e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
