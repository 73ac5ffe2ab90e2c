package io.rigshift.runner.node;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts this same Rigshift in a child JVM (one training per JVM). */
public final class RigshiftProcess {

    private RigshiftProcess() {
    }

    /**
     * {@code java [options] -jar rigshift.jar ARGS}, or with the class path and main class when this
     * JVM runs from classes (tests).
     */
    public static List<String> command(List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
            command.addAll(List.of("-jar", classPath)); // the built jar (a Spring Boot jar has its own launcher)
        } else {
            command.addAll(List.of("-cp", classPath, "io.rigshift.runner.RigshiftApplication"));
        }
        command.addAll(args);
        return command;
    }

    /** This JVM's {@code -Drigshift.*} and {@code -Dai.djl.*} settings, for a child to inherit. */
    public static List<String> inheritedProperties() {
        List<String> options = new ArrayList<>();
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(name -> name.startsWith("rigshift.") || name.startsWith("ai.djl."))
                .forEach(name -> options.add("-D" + name + "=" + System.getProperty(name)));
        return options;
    }
}
