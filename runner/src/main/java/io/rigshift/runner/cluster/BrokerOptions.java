package io.rigshift.runner.cluster;

import io.rigshift.runner.cli.UsageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import picocli.CommandLine.Option;

/**
 * Where the pool's broker (RabbitMQ) is: {@code --broker-url}, else {@code $RIGSHIFT_BROKER_URL},
 * else the local default. A wrong URL, or a broker that does not answer, is one line and exit 2.
 */
public class BrokerOptions {

    public static final String ENV = "RIGSHIFT_BROKER_URL";
    public static final String DEFAULT = "amqp://guest:guest@127.0.0.1:5672";

    @Option(names = "--broker-url", paramLabel = "URL",
            description = "The pool's RabbitMQ, amqp://USER:PASSWORD@HOST:PORT[/VHOST]. "
                    + "Default: $RIGSHIFT_BROKER_URL, else " + DEFAULT + ".")
    String url;

    /** The URL given by option or environment, else the default. */
    public String url() {
        if (url != null) {
            return url;
        }
        return Optional.ofNullable(System.getenv(ENV)).filter(u -> !u.isBlank()).orElse(DEFAULT);
    }

    /** A connection factory for the URL, after one connection proved the broker answers. */
    public CachingConnectionFactory connect() {
        CachingConnectionFactory factory = factory(url());
        try {
            factory.createConnection().close();
        } catch (RuntimeException e) {
            factory.destroy();
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            throw new UsageException("cannot reach the broker at " + redacted(url()) + ": "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        }
        return factory;
    }

    /** A connection factory for an {@code amqp://} or {@code amqps://} URL; a bad URL is a usage error. */
    static CachingConnectionFactory factory(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UsageException("--broker-url '" + redacted(url) + "' is not a URL: expected "
                    + "amqp://USER:PASSWORD@HOST:PORT[/VHOST]");
        }
        if (!"amqp".equals(uri.getScheme()) && !"amqps".equals(uri.getScheme())) {
            throw new UsageException("--broker-url '" + redacted(url) + "' must start with amqp:// or amqps://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new UsageException("--broker-url '" + redacted(url) + "' names no host: expected "
                    + "amqp://USER:PASSWORD@HOST:PORT[/VHOST]");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw new UsageException("--broker-url '" + redacted(url) + "' has port " + uri.getPort()
                    + ": expected 1 to 65535");
        }
        com.rabbitmq.client.ConnectionFactory rabbit = new com.rabbitmq.client.ConnectionFactory();
        try {
            rabbit.setUri(uri);
        } catch (Exception e) {
            throw new UsageException("--broker-url '" + redacted(url) + "' is not usable: " + e.getMessage());
        }
        rabbit.setConnectionTimeout(5_000);
        rabbit.setAutomaticRecoveryEnabled(false); // Spring's factory recovers itself.
        CachingConnectionFactory factory = new CachingConnectionFactory(rabbit);
        factory.setConnectionNameStrategy(f -> "rigshift");
        return factory;
    }

    /** The URL without its password, for messages and logs. */
    public static String redacted(String url) {
        return url.replaceFirst("(//[^:/@]*):[^@/]*@", "$1:***@");
    }
}
