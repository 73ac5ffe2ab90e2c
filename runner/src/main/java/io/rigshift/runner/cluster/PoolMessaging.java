package io.rigshift.runner.cluster;

import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.messaging.MessageChannel;

/**
 * The pool's wire: Spring Integration AMQP over RabbitMQ. The controller's partition requests
 * ({@link StepExecutionRequest}, as JSON, never Java serialization) go to the durable queue of the
 * node that holds the job's lease; each agent consumes its own queue. A message is only a wake-up
 * call: the agent acknowledges it once its handler has claimed the placement in the store, and an
 * undecodable message is rejected without requeue (logged), not retried in a loop.
 */
public final class PoolMessaging implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PoolMessaging.class);
    private static final String TRUSTED = "org.springframework.batch.integration.partition";

    @Configuration(proxyBeanMethods = false)
    @EnableIntegration
    static class Wiring {
    }

    private final AnnotationConfigApplicationContext context;
    private final MessageChannel requests;

    private PoolMessaging(AnnotationConfigApplicationContext context, MessageChannel requests) {
        this.context = context;
        this.requests = requests;
    }

    /** The queue of a node of the pool {@code poolId}. */
    public static String queue(String poolId, String node) {
        return "rigshift." + poolId.substring(0, Math.min(8, poolId.length())) + ".node." + node;
    }

    /** Declares a durable queue (idempotent). */
    static void declare(ConnectionFactory connections, String queue) {
        new RabbitAdmin(connections).declareQueue(new Queue(queue, true, false, false));
    }

    /**
     * The controller's side: a channel whose requests go to the queue {@code nodeOfStep} names for
     * the request's step execution.
     */
    public static PoolMessaging sender(ConnectionFactory connections, String poolId, LongFunction<String> nodeOfStep) {
        AnnotationConfigApplicationContext context = start();
        RabbitTemplate template = new RabbitTemplate(connections);
        template.setMessageConverter(new JacksonJsonMessageConverter(TRUSTED));
        DirectChannel requests = new DirectChannel();
        IntegrationFlow flow = IntegrationFlow.from(requests)
                .handle(Amqp.outboundAdapter(template).routingKeyFunction(message -> queue(poolId,
                        nodeOfStep.apply(((StepExecutionRequest) message.getPayload()).getStepExecutionId()))))
                .get();
        context.getBean(IntegrationFlowContext.class).registration(flow).id("partitionRequests").register();
        return new PoolMessaging(context, requests);
    }

    /** An agent's side: hands each request on its node's queue to {@code handler}, then acknowledges it. */
    public static PoolMessaging receiver(ConnectionFactory connections, String poolId, String node,
            Consumer<StepExecutionRequest> handler) {
        String queue = queue(poolId, node);
        declare(connections, queue);
        AnnotationConfigApplicationContext context = start();
        IntegrationFlow flow = IntegrationFlow.from(Amqp.inboundAdapter(connections, queue)
                        .messageConverter(new JacksonJsonMessageConverter(TRUSTED))
                        .configureContainer(container -> container.defaultRequeueRejected(false).concurrentConsumers(1)
                                .errorHandler(e -> LOG.error("rejected a message on {} without requeue: {}", queue,
                                        e.toString()))))
                .handle(message -> {
                    if (message.getPayload() instanceof StepExecutionRequest request) {
                        handler.accept(request);
                    } else {
                        LOG.error("dropped a message on {} that is no step execution request: {}", queue,
                                message.getPayload().getClass().getName());
                    }
                })
                .get();
        context.getBean(IntegrationFlowContext.class).registration(flow).id("partitionRequests-" + node).register();
        return new PoolMessaging(context, null);
    }

    private static AnnotationConfigApplicationContext start() {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.register(Wiring.class);
        context.refresh();
        return context;
    }

    /** Where the controller's partition handler sends its requests. */
    public MessageChannel requests() {
        return requests;
    }

    @Override
    public void close() {
        context.close();
    }
}
