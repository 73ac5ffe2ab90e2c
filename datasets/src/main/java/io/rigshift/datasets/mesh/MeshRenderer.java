package io.rigshift.datasets.mesh;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Draws a shaded preview of a unit-cube mesh with the caption as a title: a fixed three-quarter view from the
 * front-right and above, orthographic, z-buffered, with Lambert shading. Uses only offscreen images, so it works
 * with {@code java.awt.headless=true}.
 */
public final class MeshRenderer {

    /** Default image width and height in pixels. */
    public static final int DEFAULT_SIZE = 512;

    private static final int TITLE_HEIGHT = 36;
    private static final double YAW = Math.toRadians(-35);
    private static final double PITCH = Math.toRadians(25);
    /** Light from upper left, towards the viewer, in view coordinates. */
    private static final double[] LIGHT = normalised(-0.4, 0.7, 0.6);
    private static final double AMBIENT = 0.25;
    private static final Color BACKGROUND = new Color(245, 245, 242);
    private static final Color SURFACE = new Color(90, 140, 200);

    private MeshRenderer() {
    }

    /** Renders and writes a PNG of {@link #DEFAULT_SIZE} pixels square. */
    public static void writePng(Mesh mesh, String caption, Path file) throws IOException {
        ImageIO.write(render(mesh, caption, DEFAULT_SIZE), "png", file.toFile());
    }

    /** A square image of the given size; the view frames the whole unit cube, so previews share one scale. */
    public static BufferedImage render(Mesh mesh, String caption, int size) {
        if (size < TITLE_HEIGHT * 2) {
            throw new IllegalArgumentException("preview size must be at least " + TITLE_HEIGHT * 2 + " pixels, got "
                    + size);
        }
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(BACKGROUND);
            graphics.fillRect(0, 0, size, size);
            rasterise(mesh, image, TITLE_HEIGHT, size - TITLE_HEIGHT);
            drawTitle(graphics, caption, size);
        } finally {
            graphics.dispose();
        }
        return image;
    }

    private static void rasterise(Mesh mesh, BufferedImage image, int top, int viewSize) {
        int width = image.getWidth();
        double pixelsPerUnit = viewSize / (Math.sqrt(3) * 1.02);
        double centreX = width / 2.0;
        double centreY = top + viewSize / 2.0;
        double[] view = new double[mesh.vertices().length];
        double[] source = mesh.vertices();
        for (int i = 0; i < source.length; i += 3) {
            toView(source[i], source[i + 1], source[i + 2], view, i);
            view[i] = centreX + view[i] * pixelsPerUnit;
            view[i + 1] = centreY - view[i + 1] * pixelsPerUnit;
            view[i + 2] = view[i + 2] * pixelsPerUnit; // same units on all axes, for correct normals
        }
        double[] depth = new double[width * image.getHeight()];
        Arrays.fill(depth, Double.NEGATIVE_INFINITY);
        int[] t = mesh.triangles();
        for (int f = 0; f < t.length; f += 3) {
            fillTriangle(view, 3 * t[f], 3 * t[f + 1], 3 * t[f + 2], image, depth, top);
        }
    }

    /** Rotates into view space: x right on screen, y up on screen, z towards the viewer. */
    private static void toView(double x, double y, double z, double[] out, int at) {
        double x1 = x * Math.cos(YAW) + z * Math.sin(YAW);
        double z1 = -x * Math.sin(YAW) + z * Math.cos(YAW);
        out[at] = x1;
        out[at + 1] = y * Math.cos(PITCH) - z1 * Math.sin(PITCH);
        out[at + 2] = y * Math.sin(PITCH) + z1 * Math.cos(PITCH);
    }

    private static void fillTriangle(double[] v, int a, int b, int c, BufferedImage image, double[] depth, int top) {
        // Normal from screen-space edges; screen y points down, so flip it back to view space.
        double ux = v[b] - v[a], uy = -(v[b + 1] - v[a + 1]), uz = v[b + 2] - v[a + 2];
        double wx = v[c] - v[a], wy = -(v[c + 1] - v[a + 1]), wz = v[c + 2] - v[a + 2];
        double[] normal = normalised(uy * wz - uz * wy, uz * wx - ux * wz, ux * wy - uy * wx);
        double lambert = Math.abs(normal[0] * LIGHT[0] + normal[1] * LIGHT[1] + normal[2] * LIGHT[2]);
        int rgb = shade(AMBIENT + (1 - AMBIENT) * lambert);
        double area = (v[b] - v[a]) * (v[c + 1] - v[a + 1]) - (v[c] - v[a]) * (v[b + 1] - v[a + 1]);
        if (area == 0) {
            return;
        }
        int minX = Math.max(0, (int) Math.floor(Math.min(v[a], Math.min(v[b], v[c]))));
        int maxX = Math.min(image.getWidth() - 1, (int) Math.ceil(Math.max(v[a], Math.max(v[b], v[c]))));
        int minY = Math.max(top, (int) Math.floor(Math.min(v[a + 1], Math.min(v[b + 1], v[c + 1]))));
        int maxY = Math.min(image.getHeight() - 1, (int) Math.ceil(Math.max(v[a + 1], Math.max(v[b + 1], v[c + 1]))));
        for (int py = minY; py <= maxY; py++) {
            for (int px = minX; px <= maxX; px++) {
                double sx = px + 0.5, sy = py + 0.5;
                double wa = ((v[b] - sx) * (v[c + 1] - sy) - (v[c] - sx) * (v[b + 1] - sy)) / area;
                double wb = ((v[c] - sx) * (v[a + 1] - sy) - (v[a] - sx) * (v[c + 1] - sy)) / area;
                double wc = 1 - wa - wb;
                if (wa < 0 || wb < 0 || wc < 0) {
                    continue;
                }
                double z = wa * v[a + 2] + wb * v[b + 2] + wc * v[c + 2];
                int pixel = py * image.getWidth() + px;
                if (z > depth[pixel]) {
                    depth[pixel] = z;
                    image.setRGB(px, py, rgb);
                }
            }
        }
    }

    private static int shade(double intensity) {
        int r = (int) Math.round(SURFACE.getRed() * intensity);
        int g = (int) Math.round(SURFACE.getGreen() * intensity);
        int b = (int) Math.round(SURFACE.getBlue() * intensity);
        return (r << 16) | (g << 8) | b;
    }

    private static void drawTitle(Graphics2D graphics, String caption, int size) {
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setColor(Color.DARK_GRAY);
        graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        FontMetrics metrics = graphics.getFontMetrics();
        String title = caption;
        while (title.length() > 1 && metrics.stringWidth(title) > size - 16) {
            title = title.substring(0, title.length() - 2) + "\u2026";
        }
        graphics.drawString(title, Math.max(8, (size - metrics.stringWidth(title)) / 2),
                (TITLE_HEIGHT + metrics.getAscent() - metrics.getDescent()) / 2);
    }

    private static double[] normalised(double x, double y, double z) {
        double length = Math.sqrt(x * x + y * y + z * z);
        return length == 0 ? new double[] {0, 0, 0} : new double[] {x / length, y / length, z / length};
    }
}
