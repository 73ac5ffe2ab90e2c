package io.rigshift.runner.cli;

import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where Rigshift keeps its state: {@code --home} and {@code --db-url}, shared by every command. */
public class HomeOptions {

    @Option(names = "--home", paramLabel = "DIR",
            description = "Rigshift home (database, jobs, logs). Default: $RIGSHIFT_HOME, else ~/.rigshift.")
    Path home;

    @Option(names = "--db-url", paramLabel = "URL",
            description = "Shared store, e.g. jdbc:postgresql://127.0.0.1:5432/test. "
                    + "Default: $RIGSHIFT_DB_URL, else the SQLite file in the home.")
    String dbUrl;

    /** The resolved home. */
    public RigshiftHome home() {
        return RigshiftHome.resolve(home, System.getenv());
    }

    /** The database URL given by option or environment, if any. */
    public Optional<String> dbUrl() {
        if (dbUrl != null) {
            return Optional.of(dbUrl);
        }
        return Optional.ofNullable(System.getenv(Store.DB_URL_ENV)).filter(u -> !u.isBlank());
    }

    /**
     * Opens the store for a command that reads (its writes, if any, are single statements, such as
     * {@code usage} closing a dead process's records): it never waits behind running jobs' writes.
     */
    public Store openStoreForReading() {
        return Store.openForReading(home(), dbUrl());
    }

    /** Opens (and migrates) the store these options point at. */
    public Store openStore() {
        return Store.open(home(), dbUrl());
    }
}
