package io.rigshift.runner.api;

import io.rigshift.runner.store.RigshiftHome;
import io.rigshift.runner.store.Store;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The HTTP server of {@code rigshift serve}: the REST API under {@code /api/v1/} over the store,
 * with tenant tokens, its OpenAPI document at {@code /v3/api-docs} and the web dashboard at
 * {@code /ui/}. Only the web
 * auto-configuration it needs is imported: the store, the job repository and logging are the CLI's.
 */
public final class ApiServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ApiServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts listening on {@code address:port} (port 0: any free one); returns once it serves. */
    public static ApiServer start(RigshiftHome home, Store store, String address, int port) {
        return start(home, store, java.util.Optional.empty(), address, port);
    }

    /** As above; jobs the API starts open the store at {@code dbUrl} (empty: the home's SQLite file). */
    public static ApiServer start(RigshiftHome home, Store store, java.util.Optional<String> dbUrl, String address,
            int port) {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        // Tomcat logs through java.util.logging: into the operator's log file, not onto the terminal.
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        SpringApplication application = new SpringApplication(Web.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setDefaultProperties(Map.of("server.port", Integer.toString(port), "server.address", address,
                "server.shutdown", "graceful", "spring.mvc.problemdetails.enabled", "false",
                "springdoc.api-docs.path", "/v3/api-docs", "server.error.whitelabel.enabled", "false",
                "spring.web.resources.add-mappings", "false"));
        application.addInitializers(context -> {
            var beans = context.getBeanFactory();
            beans.registerSingleton("rigshiftHome", home);
            beans.registerSingleton("store", store);
            beans.registerSingleton("apiTokens", new ApiTokens(store, Clock.systemUTC()));
            beans.registerSingleton("jobLauncher", new JobLauncher(home, store, dbUrl));
        });
        return new ApiServer(application.run());
    }

    /** The port it listens on. */
    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }

    /** The web application: Spring MVC on embedded Tomcat, Jackson, springdoc; our controllers. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(classes = {
        org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration.class,
        org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration.class,
        org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration.class,
        org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration.class,
        org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration.class,
        org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration.class,
        org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration.class,
        org.springdoc.core.configuration.SpringDocConfiguration.class,
        org.springdoc.core.properties.SpringDocConfigProperties.class,
        org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration.class,
    })
    @Import({JobsController.class, UsageController.class, MetricsController.class, CallerController.class,
        PoolController.class, JobEventsController.class,
        ApiErrors.class, DashboardConfiguration.class})
    static class Web {

        @Bean
        org.springframework.boot.web.servlet.FilterRegistrationBean<TokenFilter> tokenFilter(ApiTokens tokens) {
            var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new TokenFilter(tokens,
                    Clock.systemUTC()));
            registration.addUrlPatterns("/api/*");
            return registration;
        }
    }
}
