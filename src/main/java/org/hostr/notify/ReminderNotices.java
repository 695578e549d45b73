package org.hostr.notify;

import java.util.Optional;
import org.hostr.billing.BillingRules;
import org.hostr.billing.Invoice;
import org.hostr.billing.InvoiceService;
import org.hostr.db.Database;
import org.hostr.jobs.Job;
import org.hostr.jobs.JobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "notice" job the renewal sweep queues for each reminder slot (billing's NoticeHandler.KIND): the first slot
 * is the renewal invoice's own notice, the later ones are reminders. The notice keeps the job's idempotency key
 * ({@link BillingRules.ReminderSlot#idempotencyKey}), so a reminder is one notice however often its job runs. An
 * invoice paid or cancelled before the job runs needs no reminder.
 */
final class ReminderNotices implements JobHandler {
    private static final Logger log = LoggerFactory.getLogger(ReminderNotices.class);

    private final Database database;
    private final InvoiceService invoices;
    private final NoticeService notices;
    private final NoticeTexts texts;

    ReminderNotices(Database database, InvoiceService invoices, NoticeService notices, NoticeTexts texts) {
        this.database = database;
        this.invoices = invoices;
        this.notices = notices;
        this.texts = texts;
    }

    @Override
    public void handle(Job job) {
        String number = job.textField("invoice");
        Optional<Invoice> invoice = invoices.byNumber(number);
        if (invoice.isEmpty() || !Invoice.UNPAID.equals(invoice.get().status())) {
            log.debug("reminder {} not sent: invoice {} is {}", job.idempotencyKey(), number,
                    invoice.map(Invoice::status).orElse("gone"));
            return;
        }
        boolean issued = BillingRules.ReminderSlot.ISSUED.key().equals(job.textField("slot"));
        NoticeDraft draft = texts.reminder(job.idempotencyKey(), issued, number, job.textField("text"));
        database.transactionRun(tx -> notices.toCustomer(tx, invoice.get().customerId(), draft));
    }
}
