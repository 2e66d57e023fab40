package dev.dbtstateoss.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** Bar charts drawn on the server as inline SVG (no script, nothing fetched). */
final class Svg {
    private Svg() {}

    record Bar(String label, double value, String color) {}

    /**
     * Bars with their value on top and every few labels below; {@code format} prints a value.
     * {@code max} fixes the scale (e.g. 100 for percentages), or 0 to scale to the largest bar.
     */
    static String bars(String title, List<Bar> bars, double max, DoubleFunction<String> format) {
        int width = 1000;
        int height = 220;
        int top = 28;
        int bottom = 30;
        int left = 8;
        double scale = max > 0 ? max : bars.stream().mapToDouble(Bar::value).max().orElse(0);
        StringBuilder b = new StringBuilder("<div class=chart><svg role=img viewBox='0 0 " + width + " " + height
                + "' width='100%' xmlns='http://www.w3.org/2000/svg'><title>" + Html.esc(title) + "</title>"
                + "<text x='8' y='16' font-size='13' fill='#1d2633'>" + Html.esc(title) + "</text>");
        b.append("<line x1='0' x2='" + width + "' y1='" + (height - bottom) + "' y2='" + (height - bottom)
                + "' stroke='#c7ced9'/>");
        if (bars.isEmpty()) {
            b.append("<text x='").append(width / 2).append("' y='").append(height / 2)
                    .append("' font-size='13' text-anchor='middle' fill='#5b6778'>no data yet</text>");
        }
        double slot = bars.isEmpty() ? 0 : (double) (width - 2 * left) / bars.size();
        int every = Math.max(1, (int) Math.ceil(bars.size() / 12.0));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double h = scale <= 0 ? 0 : (height - top - bottom) * bar.value() / scale;
            double x = left + i * slot + slot * 0.15;
            double w = slot * 0.7;
            double y = height - bottom - h;
            b.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'><title>%s: %s</title></rect>",
                    x, y, w, h, bar.color(), Html.esc(bar.label()), Html.esc(format.apply(bar.value()))));
            if (bars.size() <= 31 && bar.value() != 0) {
                b.append(String.format(Locale.ROOT, "<text x='%.1f' y='%.1f' font-size='10' text-anchor='middle' fill='#1d2633'>%s</text>",
                        x + w / 2, y - 3, Html.esc(format.apply(bar.value()))));
            }
            if (i % every == 0) {
                b.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='10' text-anchor='middle' fill='#5b6778'>%s</text>",
                        x + w / 2, height - bottom + 14, Html.esc(bar.label())));
            }
        }
        return b.append("</svg></div>").toString();
    }
}
