package io.rigshift.runner.batch;

import io.rigshift.runner.store.Store;
import io.rigshift.runner.store.StoreRetry;
import io.rigshift.runner.training.RunEnvironment;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application context that can run (or restart) the one job of this process. The
 * store and the run environment come from the CLI; Spring's own shutdown hook is off, so that a
 * SIGTERM can let the job checkpoint before the store closes.
 */
public final class JobLauncherContext implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final JobEnds ends;

    private JobLauncherContext(ConfigurableApplicationContext context, JobEnds ends) {
        this.context = context;
        this.ends = ends;
    }

    public static JobLauncherContext start(Store store, RunEnvironment environment, StoreRetry retry) {
        // The CLI owns logging (a file under the home); Boot must not add its console logging.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        SpringApplication application = new SpringApplication(BatchInfrastructure.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setRegisterShutdownHook(false);
        application.setLogStartupInfo(false);
        JobEnds ends = new JobEnds();
        application.addInitializers(context -> {
            var beans = context.getBeanFactory();
            beans.registerSingleton("dataSource", store.dataSource());
            beans.registerSingleton("transactionManager", store.transactionManager());
            beans.registerSingleton("runEnvironment", environment);
            beans.registerSingleton("storeRetry", retry);
            beans.registerSingleton("jobEnds", ends);
        });
        return new JobLauncherContext(application.run(), ends);
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

    /** Adds a listener to the job's executions in this process (the run lifecycle). */
    public void registerListener(JobExecutionListener listener) {
        if (!(job() instanceof AbstractJob job)) {
            throw new IllegalStateException("job " + job().getName() + " takes no listeners");
        }
        job.registerJobExecutionListener(listener);
    }

    /** Adds what must be done before an execution's end is stored (see {@link JobEnds}). */
    public void beforeEndStored(java.util.function.Consumer<JobExecution> hook) {
        ends.beforeEndStored(hook);
    }

    @Override
    public void close() {
        context.close();
    }
}
