package io.rigshift.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ({@code src/main/dist/rigshift}, copied to {@code target/rigshift} by the build)
 * beside a jar laid out as the build lays it out: a plain jar whose manifest names its libraries.
 * It makes the class-data archive when there is none or the jar is newer, the JVM then loads the
 * read commands' classes from it, and an archive that cannot be used changes nothing the user sees;
 * read commands run on C1 only, training at nice 10.
 */
class LauncherTests {

    @TempDir
    Path dist;

    @TempDir
    Path home;

    private Path launcher;
    private Path jar;
    private Path archive;

    @BeforeEach
    void layOut() throws IOException {
        launcher = dist.resolve("rigshift");
        Files.copy(Path.of("src/main/dist/rigshift"), launcher);
        assertTrue(launcher.toFile().setExecutable(true));
        jar = dist.resolve("rigshift.jar");
        archive = dist.resolve("rigshift.jsa");
        // As the build lays it out: lib/ beside the jar, named relatively in its manifest (the JVM
        // archives no classes of a folder, nor of a jar named by an absolute URL). Jars are linked.
        Path lib = Files.createDirectory(dist.resolve("lib"));
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (path.endsWith("test-classes")) {
                continue;
            }
            Path inLib = lib.resolve(classPath.size() + ".jar");
            if (Files.isDirectory(path)) {
                writeJar(inLib, new Manifest(), path);
            } else {
                Files.createSymbolicLink(inLib, path);
            }
            classPath.add("lib/" + inLib.getFileName());
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.rigshift.runner.RigshiftApplication");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        writeJar(jar, manifest, null);
    }

    @Test
    void makesTheArchiveOnFirstRunAndReadCommandsLoadTheirClassesFromIt() throws Exception {
        assertFalse(Files.exists(archive));
        Result first = run(List.of("jobs", "--home", home.toString()), Map.of());
        assertEquals(0, first.code, first.err);
        assertTrue(first.out.startsWith("ID "), first.out);
        assertEquals("", first.err);
        assertTrue(Files.size(archive) > 1_000_000, "archive made on the first run");

        Path classLog = dist.resolve("classes.log");
        Result second = run(List.of("status", "1", "--home", home.toString()),
                Map.of("RIGSHIFT_JAVA_OPTS", "-Xlog:class+load:file=" + classLog));
        assertEquals(ExitCodes.USAGE, second.code, second.err + second.out);
        assertTrue(second.err.startsWith("rigshift: "), second.err);
        List<String> loaded = Files.readAllLines(classLog);
        for (String name : List.of("io.rigshift.runner.cli.StatusCommand", "picocli.CommandLine")) {
            // picocli's classes are compiled for Java 5, which JDK 17 leaves out of a dynamic archive.
            long shared = loaded.stream().filter(l -> l.contains(" " + name + " source: shared objects file")).count();
            assertEquals(1, shared, name + " comes from the archive");
        }
        long fromArchive = loaded.stream().filter(l -> l.contains("shared objects file")).count();
        assertTrue(fromArchive > loaded.size() * 0.9, fromArchive + " of " + loaded.size() + " classes from archives");
    }

    @Test
    void aJarNewerThanTheArchiveGetsANewOneAndAnUnusableArchiveIsSilent() throws Exception {
        assertEquals(0, run(List.of("--make-class-data-archive"), Map.of()).code);
        FileTime made = Files.getLastModifiedTime(archive);
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(120)));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        Result version = run(List.of("--version"), Map.of());
        assertEquals(0, version.code, version.err);
        assertTrue(Files.getLastModifiedTime(archive).compareTo(made) >= 0, "the archive was made again");

        // Made for another folder (the JVM checks the class path): made again for this one.
        Path madeFor = dist.resolve("rigshift.jsa.for");
        assertTrue(Files.readString(madeFor).startsWith(jar + " "), Files.readString(madeFor));
        Files.writeString(madeFor, "/elsewhere/rigshift.jar /usr/bin/java\n");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(30)));
        assertEquals(0, run(List.of("--version"), Map.of()).code);
        assertTrue(Files.readString(madeFor).startsWith(jar + " "), Files.readString(madeFor));
        assertTrue(Files.getLastModifiedTime(archive).toInstant().isAfter(Instant.now().minusSeconds(25)));

        // Garbage where the archive was: the JVM refuses it, and says so nowhere the user reads.
        Files.delete(archive);
        Files.write(archive, new byte[4096]);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(600)));
        Result jobs = run(List.of("jobs", "--home", home.toString()), Map.of());
        assertEquals(0, jobs.code, jobs.err);
        assertTrue(jobs.out.startsWith("ID "), jobs.out);
        assertEquals("", jobs.err);
        assertEquals(4096, Files.size(archive), "a readable archive is left alone");
    }

    @Test
    void readCommandsGetTheQuickCompilerAndTrainingRunsNiced() throws Exception {
        // A java that prints its nice value and its arguments (and cannot make an archive).
        Path fakeHome = Files.createDirectories(dist.resolve("fake-jdk/bin"));
        Path fakeJava = fakeHome.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\ncase \"$*\" in *DumpLoadedClassList*|*Xshare:dump*) exit 1 ;; esac\n"
                + "echo \"nice=$(cut -d' ' -f19 /proc/$$/stat) $*\"\n");
        assertTrue(fakeJava.toFile().setExecutable(true));
        Map<String, String> fake = Map.of("JAVA_HOME", fakeHome.getParent().toString());
        int base = Integer.parseInt(Files.readString(Path.of("/proc/self/stat")).split(" ")[18]);
        String same = "nice=" + base + " ";
        String niced = "nice=" + Math.min(19, base + 10) + " ";
        String jobs = run(List.of("jobs", "--tenant", "a b"), fake).out.strip();
        assertTrue(jobs.startsWith(same), jobs);
        assertTrue(jobs.contains("-XX:TieredStopAtLevel=1") && jobs.endsWith("-jar " + jar + " jobs --tenant a b"), jobs);
        assertFalse(jobs.contains("SharedArchiveFile"), "no archive could be made: none is named");
        String train = run(List.of("train", "--smoke"), fake).out.strip();
        assertTrue(train.startsWith(niced) && !train.contains("TieredStopAtLevel"), train);
        String unniced = run(List.of("submit", "--smoke"), Map.of("JAVA_HOME", fakeHome.getParent().toString(),
                "RIGSHIFT_JOB_NICE", "0")).out.strip();
        assertTrue(unniced.startsWith(same), unniced);
        String agent = run(List.of("agent", "--node", "n1"), fake).out.strip();
        assertTrue(agent.startsWith(same) && !agent.contains("TieredStopAtLevel"),
                "an agent's heartbeats must not wait behind its jobs: " + agent);
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("RIGSHIFT_HOME");
        builder.environment().remove("RIGSHIFT_JOB_NICE");
        builder.environment().remove("RIGSHIFT_DB_URL");
        builder.environment().putAll(env);
        Path out = Files.createTempFile(dist, "out", ".txt");
        Path err = Files.createTempFile(dist, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = process.waitFor();
        return new Result(code, Files.readString(out), Files.readString(err));
    }

    private static void writeJar(Path file, Manifest manifest, Path folder) throws IOException {
        try (OutputStream stream = Files.newOutputStream(file);
                JarOutputStream jarStream = manifest.getMainAttributes().isEmpty() ? new JarOutputStream(stream)
                        : new JarOutputStream(stream, manifest)) {
            if (folder == null) {
                return;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path path : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    jarStream.putNextEntry(new JarEntry(folder.relativize(path).toString().replace(File.separatorChar, '/')));
                    Files.copy(path, jarStream);
                    jarStream.closeEntry();
                }
            }
        }
    }
}
