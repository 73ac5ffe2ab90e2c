package io.rigshift.runner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds a tenant's job jar during a test: compiles a job's source against the job API and jars it. */
final class JobJars {

    private JobJars() {
    }

    /**
     * Compiles the test resource {@code source} (a JobType implementation) and writes a jar with
     * its classes and a {@code META-INF/services} entry naming {@code jobTypeClass}.
     */
    static Path build(Path folder, String source, String jobTypeClass) throws IOException {
        Path src = folder.resolve("src");
        Path classes = folder.resolve("classes");
        Files.createDirectories(src);
        Files.createDirectories(classes);
        Path file = src.resolve(Path.of(source).getFileName().toString());
        try (InputStream in = JobJars.class.getResourceAsStream(source)) {
            if (in == null) {
                throw new IOException("no test resource " + source);
            }
            Files.copy(in, file);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int result = compiler.run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), "--release", "17", file.toString());
        if (result != 0) {
            throw new IOException("the job source did not compile: " + source);
        }
        Path jar = folder.resolve("my-job.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path clazz : walk.filter(Files::isRegularFile).toList()) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(clazz).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(clazz));
                jarOut.closeEntry();
            }
            jarOut.putNextEntry(new JarEntry("META-INF/services/io.rigshift.jobs.api.JobType"));
            jarOut.write((jobTypeClass + "\n").getBytes(StandardCharsets.UTF_8));
            jarOut.closeEntry();
        }
        return jar;
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}
