package io.rigshift.jobs.text3d;

import io.rigshift.datasets.occupancy.CaptionedSample;
import io.rigshift.datasets.occupancy.Iou;
import io.rigshift.datasets.occupancy.UnitCubeGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Volumetric IoU of a trained model on a fixed grid: on the validation split, on the
 * novel-combination split, and on the validation split with captions shuffled among shapes (if the
 * text drives the shape, shuffled captions score far lower).
 *
 * @param validationIou mean IoU over validation captions
 * @param novelIou mean IoU over novel-combination captions
 * @param shuffledCaptionIou mean IoU of validation shapes predicted from another shape's caption
 * @param perCategory mean validation IoU per category ("sphere", "cone+box", ...)
 * @param gridResolution cells per side of the grid
 */
public record Text3dEvaluation(double validationIou, double novelIou, double shuffledCaptionIou,
        Map<String, Double> perCategory, int gridResolution, int validationCount, int novelCount) {

    /** Probability above which a cell counts as inside. */
    public static final float THRESHOLD = 0.5f;

    /** Evaluates the model on the workload's held-out splits. */
    public static Text3dEvaluation evaluate(OccupancyPredictor predictor, Text3dWorkload workload, int resolution) {
        UnitCubeGrid grid = new UnitCubeGrid(resolution);
        float[] centers = grid.centers();
        List<? extends CaptionedSample> validation = workload.validation();
        List<boolean[]> targets = new ArrayList<>();
        Map<String, List<Double>> byCategory = new TreeMap<>();
        double validationSum = 0;
        for (CaptionedSample sample : validation) {
            boolean[] target = grid.occupancy(sample.field());
            targets.add(target);
            double iou = Iou.of(predictor.predict(sample.caption(), centers), THRESHOLD, target);
            validationSum += iou;
            byCategory.computeIfAbsent(sample.category(), k -> new ArrayList<>()).add(iou);
        }
        double shuffledSum = 0;
        for (int i = 0; i < validation.size(); i++) {
            String otherCaption = validation.get((i + 1) % validation.size()).caption();
            shuffledSum += Iou.of(predictor.predict(otherCaption, centers), THRESHOLD, targets.get(i));
        }
        double novelSum = 0;
        for (CaptionedSample sample : workload.novel()) {
            novelSum += Iou.of(predictor.predict(sample.caption(), centers), THRESHOLD, grid.occupancy(sample.field()));
        }
        Map<String, Double> perCategory = new TreeMap<>();
        byCategory.forEach((k, v) -> perCategory.put(k, v.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        return new Text3dEvaluation(mean(validationSum, validation.size()), mean(novelSum, workload.novel().size()),
                mean(shuffledSum, validation.size()), perCategory, resolution, validation.size(),
                workload.novel().size());
    }

    private static double mean(double sum, int count) {
        return count == 0 ? Double.NaN : sum / count;
    }
}
