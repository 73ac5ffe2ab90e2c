package io.rigshift.runner.batch;

import io.rigshift.jobs.text3d.job.JobEnvironment;
import io.rigshift.runner.store.Store;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application context that can run (or restart) the {@code text3d-train} job in
 * this process. The store and the job environment come from the CLI; Spring's own shutdown hook
 * is off, so that a SIGTERM can let the job checkpoint before the store closes.
 */
public final class JobLauncherContext implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private JobLauncherContext(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static JobLauncherContext start(Store store, JobEnvironment environment) {
        // The CLI owns logging (a file under the home); Boot must not add its console logging.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        SpringApplication application = new SpringApplication(BatchInfrastructure.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setRegisterShutdownHook(false);
        application.setLogStartupInfo(false);
        application.addInitializers(context -> {
            var beans = context.getBeanFactory();
            beans.registerSingleton("dataSource", store.dataSource());
            beans.registerSingleton("transactionManager", store.transactionManager());
            beans.registerSingleton("jobEnvironment", environment);
        });
        return new JobLauncherContext(application.run());
    }

    public JobOperator operator() {
        return context.getBean(JobOperator.class);
    }

    public JobRepository repository() {
        return context.getBean(JobRepository.class);
    }

    public Job job() {
        return context.getBean(Job.class);
    }

    /** Adds a listener to the job's executions in this process (metering, say). */
    public void registerListener(org.springframework.batch.core.listener.JobExecutionListener listener) {
        if (!(job() instanceof org.springframework.batch.core.job.AbstractJob job)) {
            throw new IllegalStateException("job " + job().getName() + " takes no listeners");
        }
        job.registerJobExecutionListener(listener);
    }

    /** Asks every running stoppable step of this process to stop after its current batch. */
    public void requestStop() {
        if (!context.isActive()) {
            return;
        }
        context.getBeansOfType(org.springframework.batch.core.step.tasklet.StoppableTasklet.class)
                .values().forEach(org.springframework.batch.core.step.tasklet.StoppableTasklet::stop);
    }

    @Override
    public void close() {
        context.close();
    }
}
