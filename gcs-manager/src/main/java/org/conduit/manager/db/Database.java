package org.conduit.manager.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** Schema migrations (Flyway, {@code db/migration}) and the JDBI handle on one data source: H2 or PostgreSQL. */
public final class Database {
    private Database() {
    }

    /** Brings the schema to the latest version; safe on every start and from several nodes at once. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    public static Jdbi jdbi(DataSource dataSource) {
        migrate(dataSource);
        return Jdbi.create(dataSource);
    }
}
