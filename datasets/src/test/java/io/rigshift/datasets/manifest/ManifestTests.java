package io.rigshift.datasets.manifest;

import io.rigshift.datasets.mesh.MeshAcceptance;
import io.rigshift.datasets.mesh.VerdictKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestTests {

    private static final String CUBE = String.join("\n", "v 0 0 0", "v 1 0 0", "v 1 1 0", "v 0 1 0", "v 0 0 1",
            "v 1 0 1", "v 1 1 1", "v 0 1 1", "f 1 4 3 2", "f 5 6 7 8", "f 1 2 6 5", "f 4 8 7 3", "f 1 5 8 4",
            "f 2 3 7 6", "");
    private static final String OPEN_CUBE = CUBE.substring(0, CUBE.lastIndexOf("f 2 3 7 6"));
    private static final String SHEET = "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n";

    @TempDir
    Path root;

    @Test
    void everyRowGetsAVerdictAndProblemsAreNotExceptions() throws IOException {
        Path data = Files.createDirectories(root.resolve("data"));
        Files.writeString(data.resolve("cube.obj"), CUBE);
        Files.writeString(data.resolve("open.obj"), OPEN_CUBE);
        Files.writeString(root.resolve("secret.obj"), CUBE);
        Path manifest = Files.writeString(data.resolve("manifest.csv"), String.join("\n",
                "caption,path",
                "a cube,cube.obj",
                "\"a box, open\",open.obj",
                "escapes,../secret.obj",
                "sneaky,sub/../../secret.obj",
                "ghost,missing.obj", ""));

        ManifestValidation validation = Manifest.read(manifest).validate();

        assertEquals(List.of(VerdictKind.OK, VerdictKind.NOT_WATERTIGHT, VerdictKind.OUTSIDE_MANIFEST,
                VerdictKind.OUTSIDE_MANIFEST, VerdictKind.MISSING),
                validation.verdicts().stream().map(verdict -> verdict.kind()).toList());
        assertFalse(validation.isValid());
        assertEquals(1, validation.warnings().size(), "the open box is usable, with a warning");
        assertEquals(3, validation.invalid().size());
        assertEquals(VerdictKind.NOT_WATERTIGHT, Manifest.read(manifest).validate(MeshAcceptance.WATERTIGHT)
                .invalid().get(0).kind(), "under the watertight rule the open box is invalid");
        assertEquals(2, validation.counts().get(VerdictKind.OUTSIDE_MANIFEST));
        assertEquals("5 files: 1 OK, 1 NOT_WATERTIGHT, 2 OUTSIDE_MANIFEST, 1 MISSING", validation.summary());
    }

    @Test
    void symbolicLinkLeavingTheFolderIsOutsideTheManifest() throws IOException {
        Path data = Files.createDirectories(root.resolve("data"));
        Path secret = Files.writeString(root.resolve("secret.obj"), CUBE);
        Files.createSymbolicLink(data.resolve("link.obj"), secret);
        Path manifest = Files.writeString(data.resolve("manifest.csv"), "caption,path\nlinked,link.obj\n");

        ManifestValidation validation = Manifest.read(manifest).validate();

        assertEquals(VerdictKind.OUTSIDE_MANIFEST, validation.verdicts().get(0).kind());
        assertTrue(validation.verdicts().get(0).detail().contains("symbolic link"));
    }

    @Test
    void loadingFailsListingEveryInvalidFileUnlessAskedToSkip() throws IOException {
        Files.writeString(root.resolve("cube.obj"), CUBE);
        Files.writeString(root.resolve("sheet.obj"), SHEET);
        Path manifest = Files.writeString(root.resolve("manifest.csv"),
                "caption,path\na cube,cube.obj\na sheet,sheet.obj\nnothing,gone.binvox\n");

        InvalidManifestException error = assertThrows(InvalidManifestException.class,
                () -> Manifest.read(manifest).load(InvalidFilePolicy.FAIL));
        ManifestLoad load = Manifest.read(manifest).load(InvalidFilePolicy.SKIP);

        assertTrue(error.getMessage().contains("sheet.obj: NO_INSIDE"), error.getMessage());
        assertTrue(error.getMessage().contains("gone.binvox: MISSING"), error.getMessage());
        assertEquals(1, load.samples().size());
        assertEquals(2, load.skipped().size());
        ManifestSample cube = load.samples().get(0);
        assertEquals("a cube", cube.caption());
        assertEquals("mesh", cube.category());
        assertTrue(cube.field().contains(0, 0, 0), "the cube is fitted around the origin");
        assertFalse(cube.field().contains(0.48, 0, 0), "with a margin to the faces of the unit cube");
    }

    @Test
    void badHeaderAndEmptyCellsAreFormatErrors() throws IOException {
        Path wrongHeader = Files.writeString(root.resolve("a.csv"), "text,file\nx,y.obj\n");
        Path emptyPath = Files.writeString(root.resolve("b.csv"), "caption,path\na cube,cube.obj\na ball,\n");
        Path noRows = Files.writeString(root.resolve("c.csv"), "caption,path\n");

        assertTrue(assertThrows(ManifestFormatException.class, () -> Manifest.read(wrongHeader)).getMessage()
                .contains("'caption' and 'path'"));
        assertTrue(assertThrows(ManifestFormatException.class, () -> Manifest.read(emptyPath)).getMessage()
                .contains("line 3"));
        assertThrows(ManifestFormatException.class, () -> Manifest.read(noRows));
    }

    @Test
    void splitColumnNamesTrainOrValidationAndABadCellNamesFileAndLine() throws IOException {
        Path split = Files.writeString(root.resolve("split.csv"),
                "caption,path,split\na cube,cube.obj,train\na ball,ball.obj,Validation\na cone,cone.obj,\n");
        Path bad = Files.writeString(root.resolve("bad-split.csv"),
                "caption,path,split\na cube,cube.obj,train\na ball,ball.obj,test\n");

        assertEquals(List.of(ManifestSplit.TRAIN, ManifestSplit.VALIDATION, ManifestSplit.SEEDED),
                Manifest.read(split).entries().stream().map(ManifestEntry::split).toList());
        ManifestFormatException error = assertThrows(ManifestFormatException.class, () -> Manifest.read(bad));
        assertEquals(1, error.getMessage().lines().count(), error.getMessage());
        assertTrue(error.getMessage().startsWith(bad + ": line 3: split must be 'train', 'validation' or empty, got"
                + " 'test'"), error.getMessage());
    }

    @Test
    void writtenSplitsReadBack() throws IOException {
        List<ManifestEntry> entries = List.of(new ManifestEntry("a cube", "cube.obj", ManifestSplit.VALIDATION),
                new ManifestEntry("a ball", "ball.obj"));
        Path file = root.resolve("written.csv");

        Manifest.write(file, entries);

        assertEquals(entries, Manifest.read(file).entries());
    }
}
