// The HTTP floor under bench/login.sh: a bare Javalin serving the two login routes with nothing behind them (a random
// challenge; a 200 with a session cookie for any POST, nothing verified, nothing stored), in a JVM with Hostr's heap
// settings. Logins per second against it are what the load clients and Javalin alone allow on this machine.
// Run with: java -XX:+UseSerialGC -Xms48m -Xmn32m -Xmx256m -cp target/hostr.jar bench/LoginFloor.java PORT
import io.javalin.Javalin;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

public class LoginFloor {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        SecureRandom random = new SecureRandom();
        Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/readyz", ctx -> ctx.result("ready"));
            cfg.routes.get("/api/v1/auth/challenge", ctx -> {
                byte[] challenge = new byte[32];
                random.nextBytes(challenge);
                ctx.contentType("application/json").result("{\"challenge\":\"" + HexFormat.of().formatHex(challenge)
                        + "\",\"expires_at\":\"" + Instant.now().plusSeconds(300) + "\"}");
            });
            cfg.routes.post("/api/v1/auth/login", ctx -> {
                ctx.header("Set-Cookie", "hostr_session=floor; Path=/; HttpOnly; SameSite=Lax");
                ctx.contentType("application/json").result("{\"pubkey\":\"floor\"}");
            });
        }).start("127.0.0.1", port);
    }
}
