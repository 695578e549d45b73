package org.hostr.admin;

import static org.hostr.db.generated.Tables.BILLING_ACTIONS;
import static org.hostr.db.generated.Tables.INVOICES;
import static org.hostr.db.generated.Tables.SERVICES;
import static org.hostr.db.generated.Tables.SERVICE_NOTES;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.selectOne;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hostr.admin.AdminRows.Page;
import org.hostr.admin.AdminRows.ServiceRow;
import org.hostr.billing.Money;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * The review queue's reads: the services waiting for an admin, then their open billing items and notes for the whole
 * page in one query each. Read-only: billing owns these rows and changes them through BillingAdminService.
 */
public final class ReviewQueries {
    /** billing_actions that stay open until an admin resolves them (the others are the sweep's once-only guards). */
    static final List<String> OPEN_ITEMS = List.of("REVIEW_TERMINATE", "PAYMENT_TO_REVIEW");

    private final DSLContext db;
    private final AdminQueries queries;

    public ReviewQueries(DSLContext db, AdminQueries queries) {
        this.db = db;
        this.queries = queries;
    }

    /** An open review item; for a kept payment, the invoice it paid (null when the number matches no invoice). */
    public record OpenItem(long serviceId, String action, String ref, String details, Instant createdAt,
                           String invoiceNumber, Long totalMinor, String currency, Instant paidAt, long refundedMinor) {
        public boolean keptPayment() {
            return "PAYMENT_TO_REVIEW".equals(action);
        }

        public String amount() {
            return totalMinor == null ? "—" : new Money(totalMinor, currency).display();
        }

        public String refunded() {
            return totalMinor == null ? "—" : new Money(refundedMinor, currency).display();
        }

        public String paid() {
            return AdminRows.minute(paidAt);
        }

        public String opened() {
            return AdminRows.minute(createdAt);
        }

        /** REVIEW_TERMINATE's ref is the unpaid due date in epoch milliseconds. */
        public String unpaidSince() {
            try {
                return AdminRows.day(Instant.ofEpochMilli(Long.parseLong(ref)));
            } catch (NumberFormatException e) {
                return ref;
            }
        }
    }

    /** A note an admin left on a service. */
    public record NoteRow(long serviceId, String author, String text, Instant at) {
        public String when() {
            return AdminRows.minute(at);
        }
    }

    /** SUSPENDED services and those with an open review item, newest first. */
    public Page<ServiceRow> queue(int page) {
        Condition openItem = exists(selectOne().from(BILLING_ACTIONS)
                .where(BILLING_ACTIONS.SERVICE_ID.eq(SERVICES.ID), BILLING_ACTIONS.ACTION.in(OPEN_ITEMS),
                        BILLING_ACTIONS.RESOLVED_AT.isNull()));
        return queries.services(SERVICES.STATUS.eq("SUSPENDED").or(openItem), page);
    }

    /** The open review items of the given services, oldest first, with the kept payments' invoices. */
    public Map<Long, List<OpenItem>> openItemsOf(List<Long> serviceIds) {
        Map<Long, List<OpenItem>> items = new HashMap<>();
        if (serviceIds.isEmpty()) {
            return items;
        }
        db.select(BILLING_ACTIONS.SERVICE_ID, BILLING_ACTIONS.ACTION, BILLING_ACTIONS.REF, BILLING_ACTIONS.DETAILS,
                        BILLING_ACTIONS.CREATED_AT, INVOICES.NUMBER, INVOICES.TOTAL_MINOR, INVOICES.CURRENCY,
                        INVOICES.PAID_AT, INVOICES.REFUNDED_MINOR)
                .from(BILLING_ACTIONS)
                .leftJoin(INVOICES).on(INVOICES.NUMBER.eq(BILLING_ACTIONS.REF)
                        .and(BILLING_ACTIONS.ACTION.eq("PAYMENT_TO_REVIEW")))
                .where(BILLING_ACTIONS.SERVICE_ID.in(serviceIds), BILLING_ACTIONS.ACTION.in(OPEN_ITEMS),
                        BILLING_ACTIONS.RESOLVED_AT.isNull())
                .orderBy(BILLING_ACTIONS.ID)
                .forEach(r -> items.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(new OpenItem(r.value1(),
                        r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(), r.value8(), r.value9(),
                        r.value10() == null ? 0 : r.value10())));
        return items;
    }

    /** The notes on the given services, oldest first. */
    public Map<Long, List<NoteRow>> notesOf(List<Long> serviceIds) {
        Map<Long, List<NoteRow>> notes = new HashMap<>();
        if (serviceIds.isEmpty()) {
            return notes;
        }
        db.select(SERVICE_NOTES.SERVICE_ID, SERVICE_NOTES.AUTHOR, SERVICE_NOTES.TEXT, SERVICE_NOTES.AT)
                .from(SERVICE_NOTES)
                .where(SERVICE_NOTES.SERVICE_ID.in(serviceIds))
                .orderBy(SERVICE_NOTES.AT, SERVICE_NOTES.ID)
                .forEach(r -> notes.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                        .add(new NoteRow(r.value1(), r.value2(), r.value3(), r.value4())));
        return notes;
    }
}
