package io.rigshift.jobs.text3d.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import io.rigshift.jobs.checkpoint.DurableFiles;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The training loss per step, and its moving average, as a PNG chart (JFreeChart, drawn offscreen). */
public final class LossCurve {

    private LossCurve() {
    }

    public static void writePng(List<Float> losses, String title, Path target) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeries raw = new XYSeries("loss");
        XYSeries smooth = new XYSeries("moving average (50 steps)");
        double window = 0;
        for (int i = 0; i < losses.size(); i++) {
            raw.add(i + 1, losses.get(i));
            window += losses.get(i);
            if (i >= 50) {
                window -= losses.get(i - 50);
            }
            smooth.add(i + 1, window / Math.min(i + 1, 50));
        }
        XYSeriesCollection series = new XYSeriesCollection();
        series.addSeries(raw);
        series.addSeries(smooth);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "step", "binary cross-entropy", series,
                PlotOrientation.VERTICAL, true, false, false);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart, 900, 500);
        DurableFiles.writeAtomically(target, png.toByteArray());
    }
}
