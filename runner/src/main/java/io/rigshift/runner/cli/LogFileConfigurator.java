package io.rigshift.runner.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
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
        LazyFileAppender file = new LazyFileAppender();
        file.setContext(context);
        file.setName("FILE");
        file.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Opens {@code rigshift.log} at the first event: most read commands log nothing, and the file
     * appender and its pattern cost them a tenth of their start-up.
     */
    static final class LazyFileAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

        private FileAppender<ILoggingEvent> file;

        @Override
        protected void append(ILoggingEvent event) {
            file().doAppend(event);
        }

        private synchronized FileAppender<ILoggingEvent> file() {
            if (file == null) {
                String folder = System.getProperty(Cli.LOG_DIR_PROPERTY,
                        Path.of(System.getProperty("java.io.tmpdir"), "rigshift-logs").toString());
                PatternLayoutEncoder encoder = new PatternLayoutEncoder();
                encoder.setContext(getContext());
                encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [pid:" + ProcessHandle.current().pid()
                        + " %thread] %logger{36} - %msg%n");
                encoder.start();
                FileAppender<ILoggingEvent> opened = new FileAppender<>();
                opened.setContext(getContext());
                opened.setName("FILE");
                opened.setFile(Path.of(folder, "rigshift.log").toString());
                opened.setAppend(true);
                opened.setEncoder(encoder);
                opened.start();
                file = opened;
            }
            return file;
        }

        @Override
        public synchronized void stop() {
            if (file != null) {
                file.stop();
            }
            super.stop();
        }
    }
}
