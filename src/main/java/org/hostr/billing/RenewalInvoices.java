package org.hostr.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hostr.audit.AuditLog;
import org.hostr.db.Database;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues renewal invoices: each service's current period (from next_due_at, one plan period long, due at
 * next_due_at), priced by {@link InvoiceAmounts} with the order's recurring promo code and the customer's credit, and
 * settled at once when nothing is left to pay ({@link PaidByCredit}).
 *
 * <p>At most one per period, whoever asks: the sweep, a second instance's sweep, or the customer's "renew now". A
 * batch is one transaction: the services are read again, numbers claimed, credit spent, and the invoices inserted in
 * one statement with ON CONFLICT DO NOTHING, so the unique index invoices_renewal_period_uk decides. If another issuer
 * got to any of them first, the whole batch rolls back, giving back its numbers and credit, and is tried again
 * without them: numbers stay gapless and credit is spent once.
 */
final class RenewalInvoices {
    private static final Logger log = LoggerFactory.getLogger(RenewalInvoices.class);
    /** Each retry means a concurrent issuer took some of the batch; the retry reads them as issued. */
    private static final int ATTEMPTS = 3;

    private final Database database;
    private final AuditLog audit;
    private final CreditService credits;
    private final PaidByCredit paidByCredit;
    private final RenewalRepository renewals = new RenewalRepository();
    private final InvoiceRepository invoices = new InvoiceRepository();
    private final PromoCodeRepository promos = new PromoCodeRepository();

    RenewalInvoices(Database database, AuditLog audit, CreditService credits, PaidByCredit paidByCredit) {
        this.database = database;
        this.audit = audit;
        this.credits = credits;
        this.paidByCredit = paidByCredit;
    }

    /**
     * Issues the renewal invoices of those of {@code serviceIds} that are still due, in one transaction.
     *
     * @param issueUpTo the end of the renewal lead; null for "renew now", whatever the due date
     * @return the numbers issued; services whose renewal exists already are skipped
     */
    List<String> issue(Collection<Long> serviceIds, Collection<String> statuses, Instant issueUpTo, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                return database.transaction(tx -> issueIn(tx, serviceIds, statuses, issueUpTo, now));
            } catch (IssuedMeanwhile e) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("renewals of " + serviceIds.size() + " service(s) kept being issued by"
                            + " another instance at the same time; the next sweep picks up what is left");
                }
                log.debug("renewal batch of {} service(s) met a concurrent issuer; trying again", serviceIds.size());
            }
        }
    }

    private List<String> issueIn(DSLContext tx, Collection<Long> serviceIds, Collection<String> statuses,
                                 Instant issueUpTo, Instant now) {
        List<RenewalRepository.Due> due = renewals.dueAmong(tx, serviceIds, statuses, issueUpTo);
        if (due.isEmpty()) {
            return List.of();
        }
        List<String> numbers = InvoiceNumbers.claim(tx, now, due.size());
        Set<Long> withCredit = credits.customersWithCredit(tx, due.stream().map(d -> d.service().customerId()).toList());
        Map<Long, PromoCode> orderPromos = promos.byIds(tx, due.stream().map(RenewalRepository.Due::orderPromoId)
                .filter(id -> id != null).distinct().toList());
        List<InvoiceRepository.Billed> rows = new ArrayList<>(due.size());
        Map<String, String> issued = new LinkedHashMap<>();
        List<String> paidAtOnce = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            RenewalRepository.BilledService service = due.get(i).service();
            Long promoId = due.get(i).orderPromoId();
            String number = numbers.get(i);
            Instant from = service.nextDueAt();
            long discount = PromoCodeService.renewalDiscount(promoId == null ? null : orderPromos.get(promoId),
                    service.priceMinor(), service.currency(), from);
            long credit = withCredit.contains(service.customerId())
                    ? credits.applyCredit(tx, service.customerId(), service.priceMinor() - discount, number) : 0;
            InvoiceAmounts amounts = InvoiceAmounts.of(service.priceMinor(), discount, credit);
            rows.add(new InvoiceRepository.Billed("RENEWAL", number, service.customerId(), service.id(), service.planId(),
                    amounts, discount > 0 ? promoId : null, service.currency(), from, service.period().addTo(from), from));
            issued.put(number, "renewal of service " + service.id() + " for the period from " + from);
            if (amounts.paidByCredit()) {
                paidAtOnce.add(number);
            }
        }
        if (invoices.insertAll(tx, rows, now) != rows.size()) {
            throw new IssuedMeanwhile();
        }
        audit.recordAll(tx, AuditLog.SYSTEM, "invoice.issued", issued, now);
        for (long invoiceId : invoices.idsOf(tx, paidAtOnce)) {
            paidByCredit.settle(tx, invoiceId, now);
        }
        return numbers;
    }

    /** Rolls the batch's transaction back (and with it the claimed numbers and spent credit). */
    private static final class IssuedMeanwhile extends RuntimeException {
        IssuedMeanwhile() {
            super(null, null, false, false);
        }
    }
}
