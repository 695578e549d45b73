package org.hostr.admin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.hostr.billing.Money;

/** What the admin pages list: flat rows read in one query each, with the few formats the templates need. */
public final class AdminRows {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private AdminRows() {
    }

    /** "2026-11-21 02:11" UTC, or "—". */
    static String minute(Instant at) {
        return at == null ? "—" : MINUTE.format(at);
    }

    static String day(Instant at) {
        return at == null ? "—" : DAY.format(at);
    }

    /** One page of a list, pages counting from 1. */
    public record Page<T>(List<T> rows, int page, int size, long total) {
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }

        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < pages();
        }

        int offset() {
            return (page - 1) * size;
        }
    }

    public record CustomerRow(long id, String pubkey, String npub, String name, String status, long creditMinor,
                              Instant createdAt, Instant lastLoginAt, long services, long liveServices,
                              long unpaidInvoices) {
        public String created() {
            return day(createdAt);
        }

        public String lastLogin() {
            return minute(lastLoginAt);
        }

        public String displayName() {
            return name == null || name.isBlank() ? "(no name)" : name;
        }
    }

    public record ServiceRow(long id, long customerId, String customerName, String npub, String domain, String username,
                             String status, String suspendReason, long planId, String planName, Long serverId,
                             String serverName, Instant nextDueAt, Instant updatedAt) {
        public String nextDue() {
            return day(nextDueAt);
        }

        public String updated() {
            return minute(updatedAt);
        }
    }

    public record InvoiceRow(long id, String number, long customerId, String customerName, long serviceId, String domain,
                             String kind, String status, long totalMinor, String currency, Instant dueAt, Instant paidAt,
                             Instant createdAt, String paymentState) {
        public String total() {
            return new Money(totalMinor, currency).display();
        }

        public String due() {
            return day(dueAt);
        }

        public String paid() {
            return minute(paidAt);
        }

        public boolean overdue(Instant now) {
            return "UNPAID".equals(status) && dueAt != null && dueAt.isBefore(now);
        }
    }

    public record PaymentRow(long id, String invoiceNumber, String provider, String state, Long amountSats,
                             Instant createdAt, Instant paidAt) {
        public String created() {
            return minute(createdAt);
        }

        public String paid() {
            return minute(paidAt);
        }
    }

    /** An audit_log line as the pages show it. */
    public record AuditRow(long id, String actor, String action, String subject, String details, Instant at) {
        public String when() {
            return minute(at);
        }
    }

    /** Unpaid invoices in one currency: all of them, and those past their due date. */
    public record OpenInvoices(String currency, long openCount, long openMinor, long overdueCount, long overdueMinor) {
        public String open() {
            return new Money(openMinor, currency).display();
        }

        public String overdue() {
            return new Money(overdueMinor, currency).display();
        }
    }
}
