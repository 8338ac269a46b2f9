package vn.ecomdss.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.springframework.stereotype.Component;

import com.openhtmltopdf.extend.FSSupplier;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * The report's HTML page printed to PDF by openhtmltopdf (on PDFBox 3), with the shipped DejaVu Sans embedded so
 * that the diacritics and the dong sign survive on any reader. jsoup turns the HTML5 page into the XML document
 * openhtmltopdf lays out.
 */
@Component
public class PdfReportRenderer {

    static final String FAMILY = "DejaVu Sans";

    public byte[] render(String html) {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useFont(font(ChartPainter.FONT), FAMILY, 400, FontStyle.NORMAL, true);
        builder.useFont(font("/fonts/DejaVuSans-Bold.ttf"), FAMILY, 700, FontStyle.NORMAL, true);
        builder.withW3cDocument(new W3CDom().fromJsoup(Jsoup.parse(html)), "/");
        builder.toStream(pdf);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot print the report to PDF", e);
        }
        return pdf.toByteArray();
    }

    private static FSSupplier<InputStream> font(String resource) {
        return () -> {
            InputStream in = PdfReportRenderer.class.getResourceAsStream(resource);
            if (in == null) {
                throw new IllegalStateException("The report font " + resource + " is missing from the classpath");
            }
            return in;
        };
    }
}
