package io.rigshift.runner.store;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Migration 1: Spring Batch's own job repository schema, run from the script that ships inside
 * spring-batch-core for the store's platform, so the schema always matches the library version.
 */
final class SpringBatchSchema implements JavaMigration {

    private final StorePlatform platform;

    SpringBatchSchema(StorePlatform platform) {
        this.platform = platform;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("1");
    }

    @Override
    public String getDescription() {
        return "spring batch job repository";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        String script = "org/springframework/batch/core/schema-" + platform.schemaName() + ".sql";
        ScriptUtils.executeSqlScript(context.getConnection(), new ClassPathResource(script));
    }
}
