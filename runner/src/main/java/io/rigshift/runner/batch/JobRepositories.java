package io.rigshift.runner.batch;

import io.rigshift.runner.store.Store;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;

/**
 * Spring Batch's own JDBC job repository over the store, built without an application context:
 * read commands ({@code jobs}, {@code status}) answer in well under a second this way.
 */
public final class JobRepositories {

    /**
     * A job operator for commands that only touch the repository ({@code stop}): it knows no job
     * definitions, so it cannot start or restart jobs.
     */
    public static org.springframework.batch.core.launch.JobOperator operator(Store store, JobRepository repository) {
        var factory = new org.springframework.batch.core.launch.support.JobOperatorFactoryBean();
        factory.setJobRepository(repository);
        factory.setJobRegistry(new org.springframework.batch.core.configuration.support.MapJobRegistry());
        factory.setTransactionManager(store.transactionManager());
        try {
            factory.afterPropertiesSet();
            return factory.getObject();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the job operator: " + e.getMessage(), e);
        }
    }

    private JobRepositories() {
    }

    /**
     * The repository over the store. Over a store opened for reading ({@link Store#forReading}) it is
     * Spring Batch's repository itself, without the transaction proxy its factory wraps it in: a
     * read command's queries each stand alone, and the proxy's start-up (AOP, and the reactive
     * adapters Spring's transaction interceptor looks for) was a tenth of such a command's time.
     */
    public static JobRepository jdbc(Store store) {
        Factory factory = new Factory();
        factory.setDataSource(store.dataSource());
        factory.setTransactionManager(store.transactionManager());
        try {
            factory.afterPropertiesSet();
            return store.forReading() ? factory.unproxied() : factory.getObject();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the job repository: " + e.getMessage(), e);
        }
    }

    private static final class Factory extends JdbcJobRepositoryFactoryBean {
        JobRepository unproxied() throws Exception {
            return (JobRepository) getTarget();
        }
    }
}
