package org.hostr.payments;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import org.hostr.db.Database;
import org.hostr.payments.strike.StrikeWebhookEvent;
import org.hostr.payments.strike.StrikeWebhookPayloadException;
import org.hostr.payments.strike.StrikeWebhookSignature;
import org.hostr.web.ApiError;
import org.hostr.web.RouteGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /webhooks/strike: verify the signature over the raw bytes, store the event once, answer 200 at once (Strike
 * gives up on a delivery after 5 s) and settle in the background. Nothing is stored for an unsigned or unreadable body.
 */
public final class StrikeWebhookRoutes implements RouteGroup {
    private static final Logger log = LoggerFactory.getLogger(StrikeWebhookRoutes.class);
    public static final String PATH = "/webhooks/strike";
    static final int MAX_BYTES = 64 * 1024;
    /** How much of an oversized body is read before it is refused; the server's own request limit is 1 MB. */
    private static final long MAX_DRAINED_BYTES = 1_000_000;

    private final Database database;
    private final WebhookEventRepository events;
    private final SettlementQueue queue;
    private final String secret;
    private final Clock clock;

    public StrikeWebhookRoutes(Database database, WebhookEventRepository events, SettlementQueue queue, String webhookSecret,
                               Clock clock) {
        this.database = database;
        this.events = events;
        this.queue = queue;
        this.secret = webhookSecret;
        this.clock = clock;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(PATH, this::receive);
    }

    private void receive(Context ctx) {
        byte[] raw = readCapped(ctx);
        if (!StrikeWebhookSignature.verify(raw, ctx.header(StrikeWebhookSignature.HEADER), secret)) {
            log.warn("strike webhook refused: missing or wrong {} ({} bytes)", StrikeWebhookSignature.HEADER, raw.length);
            throw ApiError.unauthorized("bad_signature", "the X-Webhook-Signature header does not match the body");
        }
        StrikeWebhookEvent event;
        try {
            event = StrikeWebhookEvent.parse(raw);
        } catch (StrikeWebhookPayloadException e) {
            throw ApiError.badRequest("bad_payload", "the webhook body is not a Strike event: " + e.getMessage());
        }
        // The event and its settlement job commit together: one commit (one WAL flush on PostgreSQL) per webhook,
        // and no window in which an event is stored without its job.
        boolean first = database.transaction(tx -> {
            boolean stored = events.store(tx, event, clock.instant());
            // A duplicate of an event never processed (its settlement failed for good) is worth another try.
            boolean settle = event.entityId() != null && event.eventType().startsWith("invoice.")
                    && (stored || !events.processed(tx, event.id()));
            if (settle) {
                queue.settleLater(tx, event.id(), event.entityId());
            }
            return stored;
        });
        log.info("strike webhook {} {} for {}{}", event.id(), event.eventType(), event.entityId(), first ? "" : " (duplicate)");
        ctx.status(200).json(Map.of("received", true));
    }

    private static byte[] readCapped(Context ctx) {
        String length = ctx.header("Content-Length");
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("bad_request", "Content-Length is not a number");
            }
        }
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > MAX_BYTES) {
                throw tooLarge(in, declared);
            }
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw tooLarge(in, -1);
            }
            return body;
        } catch (IOException e) {
            throw ApiError.badRequest("bad_request", "the webhook body could not be read");
        }
    }

    /**
     * The refusal of an oversized body. A body of up to {@link #MAX_DRAINED_BYTES} is read and dropped first: a server
     * that answers before the sender has finished writing closes a connection with unread bytes in it, and the reset
     * that follows can destroy the 413 before the sender reads it. A body declared larger is refused unread; one of
     * unknown length ({@code declared} -1, chunked) is read up to that bound.
     */
    private static ApiError tooLarge(InputStream in, long declared) {
        if (declared <= MAX_DRAINED_BYTES) {
            long left = MAX_DRAINED_BYTES;
            byte[] scratch = new byte[8192];
            try {
                for (int n; left > 0 && (n = in.read(scratch, 0, (int) Math.min(scratch.length, left))) > 0; ) {
                    left -= n;
                }
            } catch (IOException e) {
                // The sender went away; there is no one left to read the refusal.
            }
        }
        return tooLarge();
    }

    private static ApiError tooLarge() {
        return new ApiError(413, "too_large", "a Strike webhook is at most " + MAX_BYTES + " bytes");
    }
}
