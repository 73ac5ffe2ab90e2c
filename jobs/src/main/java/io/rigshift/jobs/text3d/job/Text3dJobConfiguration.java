package io.rigshift.jobs.text3d.job;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code text3d-train} job: prepare-data -> train -> evaluate -> export. Needs a
 * {@link JobEnvironment} bean and a {@link JobRepository}.
 */
@Configuration(proxyBeanMethods = false)
public class Text3dJobConfiguration {

    @Bean
    WorkloadSource text3dWorkloads() {
        return new WorkloadSource();
    }

    @Bean
    TrainTasklet text3dTrainTasklet(JobEnvironment environment, WorkloadSource workloads, JobRepository repository) {
        return new TrainTasklet(environment, workloads, repository);
    }

    /**
     * The job. Its tasklets write files, never the database, so their chunks run under a
     * resourceless transaction manager: the repository's own short transactions record progress.
     * (A JDBC chunk transaction would hold SQLite's write lock for a whole chunk of training and
     * starve every other process sharing the store.)
     */
    @Bean
    public Job text3dTrainJob(JobRepository repository, JobEnvironment environment, WorkloadSource workloads,
            TrainTasklet trainTasklet) {
        PlatformTransactionManager transactions = new ResourcelessTransactionManager();
        Step prepare = new StepBuilder(Text3dJob.PREPARE_DATA, repository)
                .tasklet(new PrepareDataTasklet(environment, workloads), transactions).build();
        Step train = new StepBuilder(Text3dJob.TRAIN, repository)
                .tasklet(trainTasklet, transactions).listener(trainTasklet).build();
        Step evaluate = new StepBuilder(Text3dJob.EVALUATE, repository)
                .tasklet(new EvaluateTasklet(environment, workloads), transactions).build();
        Step export = new StepBuilder(Text3dJob.EXPORT, repository)
                .tasklet(new ExportTasklet(environment, workloads), transactions).build();
        return new JobBuilder(Text3dJob.NAME, repository)
                .listener(new RunRecorder(environment))
                .start(prepare).next(train).next(evaluate).next(export)
                .build();
    }
}
