package org.hostr;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.flywaydb.core.api.output.MigrateResult;
import org.hostr.config.ConfigException;
import org.hostr.config.ConfigLoader;
import org.hostr.config.ConfigMode;
import org.hostr.config.HostrConfig;
import org.hostr.db.Database;
import org.hostr.db.DatabaseException;
import org.hostr.payments.StrikeCommands;
import org.hostr.provisioning.ServerCommands;
import org.hostr.provisioning.ServerInput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The `hostr` command line. Exit codes: 0 done, 1 failed while running, 2 bad usage or bad configuration. */
@Command(name = "hostr", mixinStandardHelpOptions = true, version = "hostr 0.1.0",
        description = "Sell cPanel hosting to Nostr users who pay with Lightning.",
        subcommands = {Main.Serve.class, Main.Demo.class, Main.Migrate.class, Main.CheckConfig.class, Main.Strike.class,
                Main.Admin.class, Main.TrainingRun.class})
public final class Main implements Runnable {
    static final int FAILED = 1;
    static final int BAD_CONFIG = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> report(cmd.getErr(), e));
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static int report(PrintWriter err, Exception e) {
        if (e instanceof ConfigException config) {
            err.println("The configuration has " + config.problems().size()
                    + (config.problems().size() == 1 ? " problem:" : " problems:"));
            config.problems().forEach(p -> err.println("  - " + p));
            err.flush();
            return BAD_CONFIG;
        }
        if (e instanceof DatabaseException) {
            err.println("hostr: " + e.getMessage());
            err.flush();
            return FAILED;
        }
        err.println("hostr: " + e);
        err.flush();
        return FAILED;
    }

    /** Runs until SIGTERM or Ctrl-C, then stops gracefully. */
    static void runUntilStopped(AutoCloseable app) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } catch (Exception e) {
                System.err.println("hostr: did not stop cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }, "hostr-shutdown"));
        stopped.await();
    }

    @Command(name = "serve", description = "Run Hostr with a config file.")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "the TOML config file")
        Path config;

        @Override
        public Integer call() throws Exception {
            HostrConfig cfg = ConfigLoader.load(config, System.getenv(), ConfigMode.SERVE);
            Application app = Application.start(cfg, Application.Options.defaults());
            System.out.println("Hostr is running at " + cfg.server().baseUrl() + " (listening on port " + app.port() + ")");
            runUntilStopped(app);
            return 0;
        }
    }

    @Command(name = "demo", description = "Try Hostr on this machine: simulated Strike and WHM, no config needed.")
    static final class Demo implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "8080", description = "port to listen on (default: ${DEFAULT-VALUE})")
        int port;

        @Option(names = "--data", defaultValue = "demo-data", description = "folder for the demo's database (default: ${DEFAULT-VALUE})")
        Path data;

        @Override
        public Integer call() throws Exception {
            DemoEnvironment demo = DemoEnvironment.start(port, data);
            System.out.println();
            System.out.println("  This is a DEMO. Payments and cPanel accounts are simulated on this machine.");
            System.out.println("  Open " + demo.url() + " in your browser. Data lives in " + data.toAbsolutePath() + ".");
            System.out.println("  Simulated Strike API: " + demo.strike().baseUrl() + "   simulated WHM: " + demo.whm().baseUrl());
            System.out.println("  Press Ctrl-C to stop.");
            System.out.println();
            runUntilStopped(demo);
            return 0;
        }
    }

    @Command(name = "admin", description = "Shop administration from a shell.", subcommands = {Admin.ServerCommand.class})
    static final class Admin implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(name = "server", description = "Add and check WHM servers.",
                subcommands = {ServerCommand.Add.class, ServerCommand.Test.class})
        static final class ServerCommand implements Runnable {
            @CommandLine.Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public void run() {
                spec.commandLine().usage(spec.commandLine().getOut());
            }

            @Command(name = "add", description = "Add a WHM server (token stored encrypted), then test the connection.")
            static final class Add implements Callable<Integer> {
                @Option(names = "--config", required = true, description = "the TOML config file")
                Path config;

                @Option(names = "--name", required = true, description = "a short name, e.g. whm1")
                String name;

                @Option(names = "--url", required = true, description = "https://host:2087 (plain http only on loopback)")
                String url;

                @Option(names = "--user", defaultValue = "root", description = "the WHM user the token belongs to (default: ${DEFAULT-VALUE})")
                String user;

                @Option(names = "--token-env", defaultValue = "HOSTR_WHM_TOKEN",
                        description = "the environment variable holding the API token (default: ${DEFAULT-VALUE})")
                String tokenEnv;

                @Option(names = "--token-stdin", description = "read the API token from standard input instead")
                boolean tokenStdin;

                @Option(names = "--max-accounts", defaultValue = "500", description = "accounts this server may hold (default: ${DEFAULT-VALUE})")
                long maxAccounts;

                @Option(names = "--tls-fingerprint", description = "SHA-256 fingerprint of a self-signed certificate to pin")
                String tlsFingerprint;

                @Option(names = "--nameservers", description = "comma-separated nameservers shown to customers")
                String nameservers;

                @Override
                public Integer call() throws Exception {
                    String token = tokenStdin
                            ? new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip()
                            : System.getenv().getOrDefault(tokenEnv, "");
                    if (token.isEmpty()) {
                        System.err.println("hostr: no API token: set " + tokenEnv + " or pass --token-stdin "
                                + "(never on the command line, where other users can read it)");
                        return BAD_CONFIG;
                    }
                    HostrConfig cfg = ConfigLoader.load(config, System.getenv(), ConfigMode.SERVE);
                    try (ServerCommands commands = ServerCommands.open(cfg)) {
                        return commands.add(new ServerInput(name, url, user, token, tlsFingerprint, maxAccounts, true,
                                nameservers), System.out, System.err);
                    }
                }
            }

            @Command(name = "test", description = "Test the connection to a WHM server (calls WHM's version).")
            static final class Test implements Callable<Integer> {
                @Option(names = "--config", required = true, description = "the TOML config file")
                Path config;

                @CommandLine.Parameters(index = "0", paramLabel = "NAME", description = "the server's name")
                String name;

                @Override
                public Integer call() {
                    HostrConfig cfg = ConfigLoader.load(config, System.getenv(), ConfigMode.SERVE);
                    try (ServerCommands commands = ServerCommands.open(cfg)) {
                        return commands.test(name, System.out, System.err);
                    }
                }
            }
        }
    }

    /** Used by the build to write the class-data archive target/hostr.jsa (see {@link ClassArchiveTraining}). */
    @Command(name = "training-run", hidden = true, description = "Start, serve a few pages and stop (for the class-data archive).")
    static final class TrainingRun implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            ClassArchiveTraining.run();
            return 0;
        }
    }

    @Command(name = "migrate", description = "Apply the database migrations and exit.")
    static final class Migrate implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "the TOML config file")
        Path config;

        @Override
        public Integer call() {
            HostrConfig cfg = ConfigLoader.load(config, System.getenv(), ConfigMode.MIGRATE);
            try (Database database = Database.open(cfg.database(), null)) {
                MigrateResult result = database.migrate();
                System.out.println("Database is at version " + (result.targetSchemaVersion == null
                        ? result.initialSchemaVersion : result.targetSchemaVersion)
                        + " (" + result.migrationsExecuted + " migrations applied now).");
            }
            return 0;
        }
    }

    @Command(name = "check-config", description = "Check a config file as `serve` would, and exit.")
    static final class CheckConfig implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "the TOML config file")
        Path config;

        @Override
        public Integer call() {
            HostrConfig cfg = ConfigLoader.load(config, System.getenv(), ConfigMode.SERVE);
            System.out.println("The configuration is valid: " + cfg.plans().size() + " plans, " + cfg.whmServers().size()
                    + " WHM servers, " + cfg.auth().adminNpubs().size() + " admins, database "
                    + (cfg.database().sqlite() ? "SQLite" : "PostgreSQL") + ".");
            return 0;
        }
    }

    @Command(name = "strike", description = "Set up and check the Strike account.",
            subcommands = {Strike.Subscribe.class, Strike.Check.class})
    static final class Strike implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(name = "subscribe", description = "Create or update the webhook subscription for <public_url>/webhooks/strike.")
        static final class Subscribe implements Callable<Integer> {
            @Option(names = "--config", required = true, description = "the TOML config file")
            Path config;

            @Override
            public Integer call() {
                return StrikeCommands.subscribe(ConfigLoader.load(config, System.getenv(), ConfigMode.SERVE), System.out);
            }
        }

        @Command(name = "check", description = "Check that the Strike API key works and which calls it may make.")
        static final class Check implements Callable<Integer> {
            @Option(names = "--config", required = true, description = "the TOML config file")
            Path config;

            @Override
            public Integer call() {
                return StrikeCommands.check(ConfigLoader.load(config, System.getenv(), ConfigMode.SERVE), System.out);
            }
        }
    }
}
