package io.rigshift.runner.pool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pool's devices as one transaction read them, grouped by node and model: answers whether a
 * request can ever be met, where it fits now (best fit), and what to tell a request that must wait.
 */
final class PoolSnapshot {

    /** The devices of one GPU model on one node. */
    private record Group(String node, String model, boolean simulated, boolean draining,
            List<Integer> usable, List<Integer> free) {
    }

    /** Where a grant goes: {@code devices} of {@code model} on {@code node}. */
    record Placement(String node, String model, List<Integer> devices, boolean simulated) {
    }

    private final List<Group> groups;
    /** Upper-case model name to the name as registered. */
    private final Map<String, String> models;

    private PoolSnapshot(List<Group> groups) {
        this.groups = groups;
        this.models = new TreeMap<>();
        for (Group group : groups) {
            models.putIfAbsent(group.model().toUpperCase(Locale.ROOT), group.model());
        }
    }

    static PoolSnapshot load(JdbcTemplate jdbc) {
        Map<String, Group> byKey = new LinkedHashMap<>();
        jdbc.query("SELECT d.node, d.gpu_model, d.device_index, d.state, n.simulated, n.draining "
                + "FROM pool_device d JOIN pool_node n ON n.name = d.node ORDER BY d.node, d.device_index", rs -> {
                    String node = rs.getString(1);
                    String model = rs.getString(2);
                    Group group = byKey.get(node + '\u0000' + model);
                    if (group == null) {
                        group = new Group(node, model, rs.getBoolean(5), rs.getBoolean(6),
                                new ArrayList<>(), new ArrayList<>());
                        byKey.put(node + '\u0000' + model, group);
                    }
                    int index = rs.getInt(3);
                    DeviceState state = DeviceState.ofColumn(rs.getString(4));
                    if (state != DeviceState.DOWN) {
                        group.usable().add(index);
                    }
                    if (state == DeviceState.AVAILABLE && !group.draining()) {
                        group.free().add(index);
                    }
                });
        return new PoolSnapshot(new ArrayList<>(byKey.values()));
    }

    /**
     * Why no wait can ever grant {@code gpus} devices of {@code requestedModel} (any model when
     * empty), or empty when some node could hold them once free.
     */
    Optional<String> unsatisfiable(int gpus, Optional<String> requestedModel) {
        if (groups.isEmpty()) {
            return Optional.of("no GPUs in the pool: add some with 'rigshift pool add' or 'rigshift pool detect'");
        }
        if (requestedModel.isPresent() && canonicalModel(requestedModel).isEmpty()) {
            return Optional.of("unknown GPU model '" + requestedModel.get() + "': the pool has "
                    + String.join(", ", new TreeSet<>(models.values())));
        }
        Optional<String> model = canonicalModel(requestedModel);
        int most = groups.stream().filter(g -> matches(g, model)).mapToInt(g -> g.usable().size()).max().orElse(0);
        if (gpus > most) {
            return Optional.of(gpus + " " + label(model) + " requested but no node has more than " + most
                    + (model.isPresent() ? " " + model.get() : " GPUs of one model"));
        }
        return Optional.empty();
    }

    /** The model as registered, matched without regard to case; empty for "any model" or unknown. */
    Optional<String> canonicalModel(Optional<String> requestedModel) {
        return requestedModel.map(m -> models.get(m.toUpperCase(Locale.ROOT)));
    }

    /**
     * The best-fitting free devices for a request: on the node (and model) with the fewest free
     * devices that still holds {@code gpus}, so that large requests keep whole nodes to fit in;
     * the lowest device indexes there.
     */
    Optional<Placement> place(int gpus, Optional<String> model, java.util.function.Predicate<String> nodeServed) {
        return groups.stream()
                .filter(g -> matches(g, model) && g.free().size() >= gpus && nodeServed.test(g.node()))
                .min(Comparator.<Group>comparingInt(g -> g.free().size())
                        .thenComparing(Group::node).thenComparing(Group::model))
                .map(g -> new Placement(g.node(), g.model(), List.copyOf(g.free().subList(0, gpus)), g.simulated()));
    }

    /** E.g. {@code 1 of 4 A40 free, 2 requested}, with the largest free block when devices are split. */
    String capacityLine(int gpus, Optional<String> model) {
        int total = groups.stream().filter(g -> matches(g, model)).mapToInt(g -> g.usable().size()).sum();
        int free = groups.stream().filter(g -> matches(g, model)).mapToInt(g -> g.free().size()).sum();
        int largest = groups.stream().filter(g -> matches(g, model)).mapToInt(g -> g.free().size()).max().orElse(0);
        String line = free + " of " + total + " " + label(model) + " free, " + gpus + " requested";
        if (free >= gpus && largest < gpus) {
            line += ", at most " + largest + " free on one node";
        }
        return line;
    }

    private static boolean matches(Group group, Optional<String> model) {
        return model.isEmpty() || model.get().equals(group.model());
    }

    private static String label(Optional<String> model) {
        return model.orElse("GPUs");
    }
}
