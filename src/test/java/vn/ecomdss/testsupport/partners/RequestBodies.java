package vn.ecomdss.testsupport.partners;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.ecomdss.embedded.LoopbackHttpServer;

/** Reads a request's body as the partner APIs send it: raw, as text or as an HTML form. */
final class RequestBodies {

    static byte[] bytes(LoopbackHttpServer.Exchange exchange) throws IOException {
        return exchange.requestBytes();
    }

    static String text(LoopbackHttpServer.Exchange exchange) throws IOException {
        return exchange.requestBody();
    }

    /** An application/x-www-form-urlencoded body; of a repeated name the first value counts. */
    static Map<String, String> form(LoopbackHttpServer.Exchange exchange) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        String body = text(exchange);
        if (body.isBlank()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(key, value);
        }
        return form;
    }

    private RequestBodies() {
    }
}
