package io.rigshift.datasets.mesh;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Lets a longer fuzz run override each property's CI budget: {@code -Drigshift.fuzz.tries=100000} gives every fuzz
 * property of a class that adds this hook that many tries. Without the property the {@code @Property(tries)} holds.
 */
public final class FuzzTries implements AroundPropertyHook {

    /** The system property naming the tries of a longer run. */
    public static final String PROPERTY = "rigshift.fuzz.tries";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String tries = System.getProperty(PROPERTY, "");
        if (!tries.isBlank()) {
            context.attributes().setTries(Integer.parseInt(tries.strip()));
        }
        return property.execute();
    }

    @Override
    public PropagationMode propagateTo() {
        // Added on a class, the hook applies to its properties.
        return PropagationMode.DIRECT_DESCENDANTS;
    }

    @Override
    public int aroundPropertyProximity() {
        // Outside every other hook, so the tries are set before anything reads them.
        return -100;
    }
}
