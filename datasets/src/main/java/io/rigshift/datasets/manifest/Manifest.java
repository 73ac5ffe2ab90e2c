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
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
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

    /** The most characters of a value from the file that a message shows. */
    private static final int SHOWN_CHARS = 80;

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
     * @throws ManifestFormatException naming the line, if the file is not UTF-8 CSV, the header lacks a column, a
     *                                 row lacks a caption or path or names an unknown split, or there are no rows
     */
    public static Manifest read(Path file) throws IOException {
        String text = decode(file, Files.readAllBytes(file));
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // byte-order mark written by some spreadsheet programs
        }
        if (text.isBlank()) {
            throw new ManifestFormatException(file, "the file is empty: expected the header '" + CAPTION_COLUMN
                    + "," + PATH_COLUMN + "' and one row per solid");
        }
        List<ManifestEntry> entries = new ArrayList<>();
        long line = 1;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), READ_FORMAT)) {
            List<String> header = parser.getHeaderNames();
            if (!header.contains(CAPTION_COLUMN) || !header.contains(PATH_COLUMN)) {
                throw new ManifestFormatException(file, "line 1: header must name the columns '" + CAPTION_COLUMN
                        + "' and '" + PATH_COLUMN + "', got " + shown(String.valueOf(header)));
            }
            Iterator<CSVRecord> rows = parser.iterator();
            while (true) {
                // The line a row starts on: the parser has read up to the end of the previous row.
                line = parser.getCurrentLineNumber() + 1;
                if (!rows.hasNext()) {
                    break;
                }
                CSVRecord row = rows.next();
                String caption = row.isSet(CAPTION_COLUMN) ? row.get(CAPTION_COLUMN) : "";
                String path = row.isSet(PATH_COLUMN) ? row.get(PATH_COLUMN) : "";
                if (caption.isBlank() || path.isBlank()) {
                    throw new ManifestFormatException(file, "line " + line + ": every row needs a caption and a path,"
                            + " got caption '" + shown(caption) + "', path '" + shown(path) + "'");
                }
                String cell = row.isSet(SPLIT_COLUMN) ? row.get(SPLIT_COLUMN) : "";
                long rowLine = line;
                ManifestSplit split = ManifestSplit.parse(cell).orElseThrow(() -> new ManifestFormatException(file,
                        "line " + rowLine + ": split must be 'train', 'validation' or empty, got '" + shown(cell) + "'"));
                entries.add(new ManifestEntry(caption, path, split));
            }
        } catch (ManifestFormatException own) {
            throw own;
        } catch (IOException | IllegalArgumentException | IllegalStateException | UncheckedIOException malformed) {
            // The text is in memory: every exception of the parser (CSVException from the header among them) is
            // about the text's format, never about reading it.
            Throwable cause = malformed.getCause() != null ? malformed.getCause() : malformed;
            throw new ManifestFormatException(file, "line " + line + ": not a valid CSV file: "
                    + shown(String.valueOf(cause.getMessage()), Integer.MAX_VALUE));
        }
        if (entries.isEmpty()) {
            throw new ManifestFormatException(file, "no rows after the header");
        }
        return new Manifest(file, entries);
    }

    /** Strict UTF-8, so that a bad byte is named with its line rather than read as U+FFFD. */
    private static String decode(Path file, byte[] bytes) throws ManifestFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new ManifestFormatException(file, String.format("line %d: not UTF-8 text (byte 0x%02x)", line,
                    bytes[in.position()] & 0xff));
        }
        return out.flip().toString();
    }

    /** A value from the file as a one-line message shows it: line breaks and control characters escaped, short. */
    private static String shown(String value) {
        return shown(value, SHOWN_CHARS);
    }

    private static String shown(String value, int maxChars) {
        StringBuilder shown = new StringBuilder();
        value.codePoints().limit(maxChars).forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > maxChars ? shown + "..." : shown.toString();
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
