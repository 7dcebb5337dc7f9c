package dev.frugal.testbed.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A frontier picture as the bench and the router evaluation draw it: one line with point markers
 * per named series (points sorted by x, lines in the order first added) on a white plot with grey
 * grid lines, saved as a PNG. Not thread-safe.
 */
public final class FrontierChart {
  private final Map<String, XYSeries> lines = new LinkedHashMap<>();

  /** Adds the point ({@code x}, {@code y}) to the line named {@code line}, starting it if new. */
  public void add(String line, double x, double y) {
    lines.computeIfAbsent(line, k -> new XYSeries(k, true)).add(x, y);
  }

  /**
   * Draws the lines added so far and writes them to {@code png}, {@code width} x {@code height}.
   */
  public void save(Path png, String title, String xLabel, String yLabel, int width, int height)
      throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    lines.values().forEach(data::addSeries);
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
  }
}
