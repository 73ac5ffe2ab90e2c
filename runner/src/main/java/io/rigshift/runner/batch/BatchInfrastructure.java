package io.rigshift.runner.batch;

import io.rigshift.runner.store.StoreRetry;
import io.rigshift.runner.training.JobDefinitions;
import io.rigshift.runner.training.RunEnvironment;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Spring context of a process that runs a job: Spring Batch with the JDBC job repository
 * (Spring Batch 6's default keeps nothing and cannot restart) over the store's data source and
 * transaction manager, which the launcher registers as {@code dataSource} and
 * {@code transactionManager}, plus the one job this process runs, built from its job type. The
 * repository is wrapped so that its writes ride out a store outage ({@link StoreRetry}) and, where
 * the launcher registers {@code jobEnds}, so that what must precede a job's stored end runs first
 * ({@link JobEnds}).
 */
@Configuration(proxyBeanMethods = false)
@EnableBatchProcessing
@EnableJdbcJobRepository
public class BatchInfrastructure {

    @Bean
    static BeanPostProcessor retryingJobRepository(ObjectProvider<StoreRetry> retry, ObjectProvider<JobEnds> ends) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                // A guarded proxy carries the marker too: ProxyFactory proxies the retrying one's interfaces.
                if (!(bean instanceof JobRepository repository) || bean instanceof StoreRetry.Retrying) {
                    return bean;
                }
                JobRepository retrying = retry.getObject().proxy(repository, JobRepository.class);
                // The hooks outside the retries: they retry their own writes, and a retried update runs them once.
                JobEnds hooks = ends.getIfAvailable();
                return hooks == null ? retrying : hooks.guard(retrying);
            }
        };
    }

    @Bean
    Job job(JobRepository repository, RunEnvironment environment) {
        return JobDefinitions.build(environment.type(), repository, environment);
    }
}
