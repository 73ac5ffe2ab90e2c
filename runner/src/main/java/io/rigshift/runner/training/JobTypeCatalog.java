package io.rigshift.runner.training;

import io.rigshift.jobs.api.InvalidJobParameterException;
import io.rigshift.jobs.api.JobTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The job types this runner can run: the built-in ones, plus those of a tenant's job jar
 * ({@code --job-jar}), found with {@link java.util.ServiceLoader}. A jar's classes load in a
 * class loader of their own, over the runner's (which provides the job API, DJL and the engine).
 */
public final class JobTypeCatalog {

    /** The job type {@code train} runs when none is named. */
    public static final String DEFAULT_TYPE = "text3d";

    private JobTypeCatalog() {
    }

    /** A loaded catalogue, with the jar it came from and its SHA-256 (to refuse a changed jar on resume). */
    public record Loaded(JobTypes types, Optional<Path> jar, Optional<String> sha256, ClassLoader loader) {
    }

    /** The job type a stored job ran: its Spring Batch job name (the sample's first stores said text3d-train). */
    public static String typeOfJob(String jobName) {
        return "text3d-train".equals(jobName) ? DEFAULT_TYPE : jobName;
    }

    public static Loaded builtIn() {
        ClassLoader loader = JobTypeCatalog.class.getClassLoader();
        return new Loaded(JobTypes.load(loader), Optional.empty(), Optional.empty(), loader);
    }

    /** The built-in job types and those of {@code jar}; bad jars are a one-line error naming them. */
    public static Loaded withJar(Path jar) {
        Path file = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidJobParameterException("--job-jar '" + jar + "' is not a readable jar file");
        }
        String sha256 = sha256(file);
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("job-jar", new URL[] {file.toUri().toURL()}, JobTypeCatalog.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new InvalidJobParameterException("--job-jar '" + jar + "' is not a valid path: " + e.getMessage());
        }
        JobTypes types;
        try {
            types = JobTypes.load(loader);
        } catch (IllegalStateException | LinkageError e) {
            throw new InvalidJobParameterException("--job-jar '" + jar + "': " + e.getMessage());
        }
        return new Loaded(types, Optional.of(file), Optional.of(sha256), loader);
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new InvalidJobParameterException("cannot read job jar " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks on resume that the jar is still the one the job started with. */
    public static Loaded forResume(String jar, String expectedSha256) {
        if (jar == null) {
            return builtIn();
        }
        Loaded loaded = withJar(Path.of(jar));
        if (expectedSha256 != null && !expectedSha256.equals(loaded.sha256().orElse(null))) {
            throw new InvalidJobParameterException("job jar " + jar + " changed since the job started (SHA-256 "
                    + expectedSha256.substring(0, 12) + "... then, " + loaded.sha256().get().substring(0, 12)
                    + "... now): resuming with other code would not continue the same training");
        }
        return loaded;
    }
}
