package org.medledger.interfaces.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.medledger.application.portal.VitalSign;

/**
 * The Chart.js configuration of a chart's vitals over time (one line per measurement and unit), for {@code p:chart}.
 * PrimeFaces writes it into a nonced inline script, so every {@code <}, {@code >} and {@code &} in user text is
 * written as a JSON unicode escape: the script cannot be ended or broken by a label.
 */
final class VitalsChart {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LINES = 8;
    private static final String[] COLOURS = {"#0b5cad", "#a4262c", "#1b6e3a", "#8a5a00", "#5c2d91", "#006f7a",
        "#b4009e", "#4a5a6a"};

    private VitalsChart() {
    }

    /** The configuration, or null when there is nothing to draw. */
    static String of(List<VitalSign> vitals) {
        if (vitals == null || vitals.isEmpty()) {
            return null;
        }
        TreeSet<String> times = vitals.stream().map(VitalSign::when).collect(Collectors.toCollection(TreeSet::new));
        List<String> labels = new ArrayList<>(times);
        Map<String, Map<String, VitalSign>> lines = new LinkedHashMap<>();
        for (VitalSign vital : vitals) {
            String line = vital.unit().isEmpty() ? vital.what() : vital.what() + " (" + vital.unit() + ")";
            if (lines.containsKey(line) || lines.size() < MAX_LINES) {
                lines.computeIfAbsent(line, l -> new LinkedHashMap<>()).put(vital.when(), vital);
            }
        }
        ObjectNode config = JSON.createObjectNode().put("type", "line");
        ObjectNode data = config.putObject("data");
        ArrayNode labelArray = data.putArray("labels");
        labels.forEach(label -> labelArray.add(label.replace('T', ' ').replace("Z", "")));
        ArrayNode datasets = data.putArray("datasets");
        int colour = 0;
        for (Map.Entry<String, Map<String, VitalSign>> line : lines.entrySet()) {
            ObjectNode dataset = datasets.addObject().put("label", line.getKey())
                    .put("borderColor", COLOURS[colour]).put("backgroundColor", COLOURS[colour])
                    .put("spanGaps", true).put("fill", false).put("tension", 0.2);
            colour++;
            ArrayNode points = dataset.putArray("data");
            for (String time : labels) {
                VitalSign vital = line.getValue().get(time);
                if (vital == null) {
                    points.addNull();
                } else {
                    points.add(vital.value());
                }
            }
        }
        ObjectNode options = config.putObject("options").put("responsive", true).put("maintainAspectRatio", false)
                .put("animation", false);
        options.putObject("plugins").putObject("legend").put("position", "bottom");
        return config.toString().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    /** What the chart shows, for screen readers. */
    static String description(List<VitalSign> vitals) {
        return "Measurements over time: " + vitals.stream().map(VitalSign::what).distinct()
                .collect(Collectors.joining(", ")) + ". The values are listed in the records table.";
    }
}
