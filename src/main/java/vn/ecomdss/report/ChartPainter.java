package vn.ecomdss.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardPieSectionLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PiePlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;
import org.springframework.stereotype.Component;

import vn.ecomdss.vn.VietnameseNumbers;

/**
 * Draws a {@link ReportChart} as a PNG with JFreeChart, in the shipped DejaVu Sans so that Vietnamese labels render
 * on a machine without fonts, with Vietnamese number formats on the axes and labels. The HTML and the PDF embed the
 * PNG as a data: URI, the workbook as a picture: nothing is loaded from anywhere.
 */
@Component
public class ChartPainter {

    static final String FONT = "/fonts/DejaVuSans.ttf";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 360;
    private static final Color BAR = new Color(0x2f6f9f);

    private final StandardChartTheme theme;

    public ChartPainter() {
        Font base = font();
        theme = new StandardChartTheme("dss");
        theme.setExtraLargeFont(base.deriveFont(Font.BOLD, 16f));
        theme.setLargeFont(base.deriveFont(Font.BOLD, 13f));
        theme.setRegularFont(base.deriveFont(12f));
        theme.setSmallFont(base.deriveFont(10f));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
    }

    public byte[] png(ReportChart chart) {
        JFreeChart drawn = chart.shape() == ReportChart.Shape.PIE ? pie(chart) : bars(chart);
        try {
            return ChartUtils.encodeAsPNG(drawn.createBufferedImage(WIDTH, chart.shape() == ReportChart.Shape.BAR
                    ? Math.max(HEIGHT, 60 + 28 * chart.labels().size()) : HEIGHT));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode the chart '" + chart.title() + "' as PNG", e);
        }
    }

    public String dataUri(ReportChart chart) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(chart));
    }

    private JFreeChart bars(ReportChart chart) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int i = 0; i < chart.labels().size(); i++) {
            data.addValue(chart.values().get(i), chart.money() ? "VND" : "", chart.labels().get(i));
        }
        JFreeChart drawn = ChartFactory.createBarChart(chart.title(), null, null, data, PlotOrientation.HORIZONTAL,
                false, false, false);
        theme.apply(drawn);
        CategoryPlot plot = drawn.getCategoryPlot();
        ((NumberAxis) plot.getRangeAxis()).setNumberFormatOverride(VietnameseNumbers.wholeFormat());
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.45f);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, BAR);
        renderer.setMaximumBarWidth(0.08);
        return drawn;
    }

    private JFreeChart pie(ReportChart chart) {
        DefaultPieDataset<String> data = new DefaultPieDataset<>();
        for (int i = 0; i < chart.labels().size(); i++) {
            data.setValue(chart.labels().get(i), chart.values().get(i));
        }
        JFreeChart drawn = ChartFactory.createPieChart(chart.title(), data, true, false, false);
        theme.apply(drawn);
        @SuppressWarnings("unchecked")
        PiePlot<String> plot = (PiePlot<String>) drawn.getPlot();
        plot.setLabelGenerator(new StandardPieSectionLabelGenerator("{0}: {2}", VietnameseNumbers.wholeFormat(),
                VietnameseNumbers.percentFormat()));
        plot.setOutlineVisible(false);
        return drawn;
    }

    private static Font font() {
        try (InputStream in = ChartPainter.class.getResourceAsStream(FONT)) {
            if (in == null) {
                throw new IllegalStateException("The report font " + FONT + " is missing from the classpath");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("Cannot load the report font " + FONT, e);
        }
    }
}
