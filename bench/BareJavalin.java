// The baseline for bench/startup.sh: a bare Javalin route returning a fixed string, in its own JVM with the same
// heap settings as Hostr. Run with: java -cp target/hostr.jar bench/BareJavalin.java PORT
import io.javalin.Javalin;

public class BareJavalin {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/", ctx -> ctx.result("hello"));
        }).start("127.0.0.1", port);
    }
}
