package org.hostr.payments;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hostr.config.HostrConfig;
import org.hostr.payments.strike.StrikeAuthException;
import org.hostr.payments.strike.StrikeClient;
import org.hostr.payments.strike.StrikeException;
import org.hostr.payments.strike.StrikeRetryPolicy;
import org.hostr.payments.strike.StrikeSubscription;

/** `hostr strike subscribe` and `hostr strike check`: setting up and checking the Strike account from a shell. */
public final class StrikeCommands {
    static final List<String> EVENT_TYPES = List.of("invoice.created", "invoice.updated");

    private StrikeCommands() {
    }

    private static StrikeClient client(HostrConfig config) {
        return new StrikeClient(config.strike().baseUrl(), config.strike().apiKey(), Duration.ofSeconds(5),
                Duration.ofSeconds(20), StrikeRetryPolicy.defaults(), Clock.systemUTC());
    }

    /** Creates or updates the subscription for <public_url>/webhooks/strike with the configured secret. */
    public static int subscribe(HostrConfig config, PrintStream out) {
        String url = config.server().baseUrl() + StrikeWebhookRoutes.PATH;
        try (StrikeClient strike = client(config)) {
            Optional<StrikeSubscription> existing = strike.listSubscriptions().stream()
                    .filter(s -> url.equals(s.webhookUrl())).findFirst();
            StrikeSubscription result = existing.isPresent()
                    ? strike.updateSubscription(existing.get().id(), url, config.strike().webhookSecret(), true, EVENT_TYPES)
                    : strike.createSubscription(url, config.strike().webhookSecret(), EVENT_TYPES);
            out.println((existing.isPresent() ? "Updated" : "Created") + " Strike webhook subscription " + result.id()
                    + " for " + url + " (" + String.join(", ", EVENT_TYPES) + ").");
            return 0;
        }
    }

    /** Reports whether the API key works and which of the calls Hostr makes it may make. */
    public static int check(HostrConfig config, PrintStream out) {
        int failures = 0;
        try (StrikeClient strike = client(config)) {
            failures += probe(out, "read invoices (partner.invoice.read)", () -> strike.findInvoiceByCorrelationId("hostr-check"));
            failures += probe(out, "manage webhooks (partner.webhooks.manage)", strike::listSubscriptions);
            failures += probe(out, "read rates (partner.rates.ticker)", strike::ratesTicker);
        }
        out.println("Not checked, because checking would create an invoice: partner.invoice.create, "
                + "partner.invoice.quote.generate, partner.invoice.cancel.");
        out.println(failures == 0 ? "The Strike API key works." : failures + " check(s) failed.");
        return failures == 0 ? 0 : 1;
    }

    private static int probe(PrintStream out, String what, Runnable call) {
        try {
            call.run();
            out.println("  ok      " + what);
            return 0;
        } catch (StrikeAuthException e) {
            out.println("  refused " + what + ": the key is wrong or lacks this scope (" + e.getMessage() + ")");
            return 1;
        } catch (StrikeException e) {
            out.println("  failed  " + what + ": " + e.getMessage());
            return 1;
        }
    }
}
