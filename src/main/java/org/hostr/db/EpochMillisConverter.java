package org.hostr.db;

import java.time.Instant;
import org.jooq.impl.AbstractConverter;

/** Times are stored as epoch milliseconds (portable across SQLite and PostgreSQL) and used as {@link Instant}. */
public final class EpochMillisConverter extends AbstractConverter<Long, Instant> {

    public EpochMillisConverter() {
        super(Long.class, Instant.class);
    }

    @Override
    public Instant from(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    @Override
    public Long to(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
