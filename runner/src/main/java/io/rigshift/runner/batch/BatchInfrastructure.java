package io.rigshift.runner.batch;

import io.rigshift.jobs.text3d.job.Text3dJobConfiguration;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The Spring context of a process that runs a job: Spring Batch with the JDBC job repository
 * (Spring Batch 6's default keeps nothing and cannot restart) over the store's data source and
 * transaction manager, which the launcher registers as {@code dataSource} and
 * {@code transactionManager}, plus the job definitions.
 */
@Configuration(proxyBeanMethods = false)
@EnableBatchProcessing
@EnableJdbcJobRepository
@Import(Text3dJobConfiguration.class)
public class BatchInfrastructure {
}
