package io.rigshift.runner.store;

/** The databases Rigshift keeps its state in. The name is Spring Batch's schema platform name. */
public enum StorePlatform {
    /** The embedded default: one SQLite file under the home that several processes share. */
    SQLITE("sqlite"),
    /** The multi-host store. */
    POSTGRESQL("postgresql");

    private final String schemaName;

    StorePlatform(String schemaName) {
        this.schemaName = schemaName;
    }

    /** The platform's name in migration folders and Spring Batch schema scripts. */
    public String schemaName() {
        return schemaName;
    }

    /** The platform a JDBC URL points at, or a {@link StoreException} naming the URL. */
    public static StorePlatform ofUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new StoreException("unsupported --db-url '" + jdbcUrl
                + "': expected jdbc:postgresql://HOST:PORT/DB or jdbc:sqlite:FILE");
    }
}
