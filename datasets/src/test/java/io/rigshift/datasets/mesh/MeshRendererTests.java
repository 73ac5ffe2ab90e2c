package io.rigshift.datasets.mesh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeshRendererTests {

    @TempDir
    Path folder;

    @Test
    void writesHeadlessPreviewWithShadedShapeInTheMiddle() throws Exception {
        Mesh cube = MeshNormalizer.normalize(ObjReader.read(ObjReaderTests.unitCube()));
        Path png = folder.resolve("cube.png");

        MeshRenderer.writePng(cube, "a large cube", png);

        assertTrue(GraphicsEnvironment.isHeadless());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(MeshRenderer.DEFAULT_SIZE, image.getWidth());
        int background = image.getRGB(5, image.getHeight() - 5);
        int middle = image.getRGB(image.getWidth() / 2, image.getHeight() / 2 + 18);
        assertNotEquals(background, middle, "the cube should cover the centre of the view");
    }
}
