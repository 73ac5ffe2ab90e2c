package io.rigshift.jobs.text3d.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.rigshift.jobs.text3d.Text3dEvaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The stable JSON shape of {@code evaluation.json} and of {@code rigshift evaluate --format json}.
 * A score with no captions to measure (a user dataset has no novel-combination split) is
 * {@code null}, never NaN, which JSON cannot hold.
 */
public record EvaluationReport(
        @JsonProperty("val_iou") Double valIou,
        @JsonProperty("novel_iou") Double novelIou,
        @JsonProperty("shuffled_caption_iou") Double shuffledCaptionIou,
        @JsonProperty("per_primitive") Map<String, Double> perPrimitive,
        @JsonProperty("grid") int grid,
        @JsonProperty("validation_captions") int validationCaptions,
        @JsonProperty("novel_captions") int novelCaptions) {

    /** Reads NaN tokens too, which reports written before scores became nullable may hold. */
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    public EvaluationReport {
        valIou = finiteOrNull(valIou);
        novelIou = finiteOrNull(novelIou);
        shuffledCaptionIou = finiteOrNull(shuffledCaptionIou);
        perPrimitive = perPrimitive == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(perPrimitive));
    }

    public static EvaluationReport of(Text3dEvaluation evaluation) {
        return new EvaluationReport(evaluation.validationIou(), evaluation.novelIou(),
                evaluation.shuffledCaptionIou(), evaluation.perCategory(), evaluation.gridResolution(),
                evaluation.validationCount(), evaluation.novelCount());
    }

    /** Reads {@code evaluation.json}. */
    public static EvaluationReport read(Path file) throws IOException {
        return READER.readValue(file.toFile(), EvaluationReport.class);
    }

    /** Pretty-printed JSON, as written to {@code evaluation.json}. */
    public byte[] toJson() throws IOException {
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    }

    private static Double finiteOrNull(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }
}
