package io.rigshift.datasets.manifest;

import io.rigshift.datasets.mesh.MeshAcceptance;
import io.rigshift.datasets.mesh.MeshValidator;
import io.rigshift.datasets.mesh.MeshVerdict;
import io.rigshift.datasets.mesh.SolidFiles;
import io.rigshift.datasets.mesh.VerdictKind;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A user dataset: a UTF-8 CSV file with the header {@code caption,path} (and optionally {@code split}, whose cells
 * are {@code train}, {@code validation} or empty) and one row per solid, each path (OBJ or binvox) relative to the
 * manifest's folder. Paths that leave that folder, directly or through symbolic links, are
 * refused; problems with files become {@link MeshVerdict verdicts} rather than exceptions.
 */
public final class Manifest {

    /** Column holding the caption. */
    public static final String CAPTION_COLUMN = "caption";
    /** Column holding the file path, relative to the manifest's folder. */
    public static final String PATH_COLUMN = "path";
    /** Optional column naming a row's split: {@code train}, {@code validation}, or empty for the seed to decide. */
    public static final String SPLIT_COLUMN = "split";

    private static final CSVFormat READ_FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setTrim(true).setIgnoreEmptyLines(true).get();
    private static final CSVFormat WRITE_FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader(CAPTION_COLUMN, PATH_COLUMN).setRecordSeparator('\n').get();
    private static final CSVFormat WRITE_FORMAT_WITH_SPLIT = CSVFormat.DEFAULT.builder()
            .setHeader(CAPTION_COLUMN, PATH_COLUMN, SPLIT_COLUMN).setRecordSeparator('\n').get();

    private final Path file;
    private final Path folder;
    private final List<ManifestEntry> entries;

    private Manifest(Path file, List<ManifestEntry> entries) {
        this.file = file.toAbsolutePath().normalize();
        this.folder = this.file.getParent();
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads a manifest's rows; files are not opened until {@link #validate()} or {@link #load}.
     *
     * @throws ManifestFormatException if the header lacks a column, a row lacks a caption or path or names an unknown
     *                                 split, or there are no rows; the message names the file and the line
     */
    public static Manifest read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // byte-order mark written by some spreadsheet programs
        }
        List<ManifestEntry> entries = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), READ_FORMAT)) {
            List<String> header = parser.getHeaderNames();
            if (!header.contains(CAPTION_COLUMN) || !header.contains(PATH_COLUMN)) {
                throw new ManifestFormatException(file, "header must name the columns '" + CAPTION_COLUMN + "' and '"
                        + PATH_COLUMN + "', got " + header);
            }
            for (CSVRecord row : parser) {
                String caption = row.isSet(CAPTION_COLUMN) ? row.get(CAPTION_COLUMN) : "";
                String path = row.isSet(PATH_COLUMN) ? row.get(PATH_COLUMN) : "";
                if (caption.isBlank() || path.isBlank()) {
                    throw new ManifestFormatException(file, "line " + parser.getCurrentLineNumber()
                            + ": every row needs a caption and a path, got caption '" + caption + "', path '" + path
                            + "'");
                }
                String cell = row.isSet(SPLIT_COLUMN) ? row.get(SPLIT_COLUMN) : "";
                ManifestSplit split = ManifestSplit.parse(cell).orElseThrow(() -> new ManifestFormatException(file,
                        "line " + parser.getCurrentLineNumber() + ": split must be 'train', 'validation' or empty,"
                                + " got '" + cell + "'"));
                entries.add(new ManifestEntry(caption, path, split));
            }
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException malformed) {
            throw new ManifestFormatException(file, "not a valid CSV file: " + malformed.getMessage());
        }
        if (entries.isEmpty()) {
            throw new ManifestFormatException(file, "no rows after the header");
        }
        return new Manifest(file, entries);
    }

    /**
     * Writes a manifest with the standard header, and the split column when some entry names a split; paths should
     * be relative to the file's folder.
     */
    public static void write(Path file, List<ManifestEntry> entries) throws IOException {
        boolean splits = entries.stream().anyMatch(entry -> entry.split() != ManifestSplit.SEEDED);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(writer, splits ? WRITE_FORMAT_WITH_SPLIT : WRITE_FORMAT)) {
            for (ManifestEntry entry : entries) {
                if (splits) {
                    printer.printRecord(entry.caption(), entry.path(), entry.split().cell());
                } else {
                    printer.printRecord(entry.caption(), entry.path());
                }
            }
        }
    }

    /** The manifest file, absolute and normalised. */
    public Path file() {
        return file;
    }

    /** The folder entry paths are relative to, which they may not leave. */
    public Path folder() {
        return folder;
    }

    public List<ManifestEntry> entries() {
        return entries;
    }

    /** One verdict per entry, in order, open and non-manifold meshes usable by winding number. */
    public ManifestValidation validate() {
        return validate(MeshAcceptance.WINDING_NUMBER);
    }

    /** One verdict per entry, in order, under the given rule for meshes. */
    public ManifestValidation validate(MeshAcceptance acceptance) {
        List<MeshVerdict> verdicts = new ArrayList<>(entries.size());
        for (ManifestEntry entry : entries) {
            verdicts.add(verdict(entry, acceptance));
        }
        return new ManifestValidation(file, verdicts);
    }

    /**
     * Validates every file and loads the valid ones as unit-cube occupancy fields, in manifest order.
     *
     * @throws InvalidManifestException under {@link InvalidFilePolicy#FAIL} when any file is invalid
     */
    public ManifestLoad load(InvalidFilePolicy policy) throws IOException {
        ManifestValidation validation = validate();
        if (!validation.isValid() && policy == InvalidFilePolicy.FAIL) {
            throw new InvalidManifestException(validation);
        }
        List<ManifestSample> samples = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            MeshVerdict verdict = validation.verdicts().get(i);
            if (verdict.isValid()) {
                samples.add(new ManifestSample(entries.get(i).caption(), SolidFiles.readNormalized(verdict.file()),
                        verdict.file(), entries.get(i).split()));
            }
        }
        return new ManifestLoad(samples, validation.invalid());
    }

    private MeshVerdict verdict(ManifestEntry entry, MeshAcceptance acceptance) {
        Path resolved;
        try {
            resolved = folder.resolve(entry.path()).normalize();
        } catch (InvalidPathException invalid) {
            return new MeshVerdict(folder, VerdictKind.UNREADABLE, "not a valid path: '" + entry.path() + "'");
        }
        if (!resolved.startsWith(folder)) {
            return new MeshVerdict(resolved, VerdictKind.OUTSIDE_MANIFEST, "path '" + entry.path()
                    + "' leaves the manifest folder " + folder);
        }
        if (!Files.exists(resolved)) {
            return new MeshVerdict(resolved, VerdictKind.MISSING, "no such file");
        }
        try {
            Path real = resolved.toRealPath();
            if (!real.startsWith(folder.toRealPath())) {
                return new MeshVerdict(resolved, VerdictKind.OUTSIDE_MANIFEST, "symbolic link leads to " + real
                        + ", outside the manifest folder " + folder);
            }
        } catch (IOException unresolvable) {
            return new MeshVerdict(resolved, VerdictKind.UNREADABLE, "cannot resolve path: " + unresolvable);
        }
        return MeshValidator.validate(resolved, acceptance);
    }
}
