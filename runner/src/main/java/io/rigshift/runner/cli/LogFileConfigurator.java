package io.rigshift.runner.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.file.Path;
import org.slf4j.Logger;

/**
 * Logs are for operators: everything goes to {@code HOME/logs/rigshift.log}, nothing to the
 * terminal, whose stdout belongs to the user. Configured in code (found by logback through the
 * service loader) rather than from XML, which cost read commands about 300 classes at start-up.
 */
public final class LogFileConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String folder = System.getProperty(Cli.LOG_DIR_PROPERTY,
                Path.of(System.getProperty("java.io.tmpdir"), "rigshift-logs").toString());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [pid:" + ProcessHandle.current().pid()
                + " %thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(Path.of(folder, "rigshift.log").toString());
        file.setAppend(true);
        file.setEncoder(encoder);
        file.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
