package org.hostr.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.hostr.nostr.Hex;
import org.hostr.provisioning.DriftReport;
import org.hostr.provisioning.HostingService;
import org.hostr.provisioning.ProvisioningListener;
import org.hostr.provisioning.ServiceStatus;
import org.jooq.DSLContext;

/**
 * Notices for what WHM has confirmed: an account ready, suspended for non-payment, running again, ended; and, to
 * admins, drift. Recorded in the transaction that changes the service, so the message matches what happened.
 */
final class ServiceNotices implements ProvisioningListener {
    private final NoticeService notices;
    private final NoticeTexts texts;
    private final Clock clock;

    ServiceNotices(NoticeService notices, NoticeTexts texts, Clock clock) {
        this.notices = notices;
        this.texts = texts;
        this.clock = clock;
    }

    @Override
    public void statusChanged(DSLContext tx, HostingService before, ServiceStatus to) {
        long version = before.updatedAt() == null ? 0 : before.updatedAt().toEpochMilli();
        NoticeDraft draft = switch (to) {
            case ACTIVE -> before.status() == ServiceStatus.PROVISIONING
                    ? texts.accountReady(before.id(), before.domain())
                    : before.status().suspended() ? texts.restored(before.id(), before.domain(), version) : null;
            // SUSPENDED is an admin's decision, told to the customer by the admin; EXPIRED is the shop's.
            case EXPIRED -> texts.expired(before.id(), before.domain(), version);
            case TERMINATED -> texts.terminated(before.id(), before.domain());
            default -> null;
        };
        if (draft != null) {
            notices.toCustomer(tx, before.customerId(), draft);
        }
    }

    /**
     * One message per run with new findings. The key is the findings and the day: an instance that restarts forgets
     * what it reported and finds them all "new" again, and admins hear of them at most once a day that way.
     */
    @Override
    public void driftFound(DSLContext tx, List<DriftReport.Finding> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        String identities = fresh.stream().map(f -> f.kind() + "|" + f.serverId() + "|" + f.serviceId() + "|"
                + f.username()).sorted().collect(Collectors.joining(","));
        String key = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ":" + digest(identities);
        notices.toAdmins(tx, texts.driftFound(fresh, key));
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Hex.encode(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
