package vn.ecomdss.testsupport.partners;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.ecomdss.embedded.LoopbackHttpServer;

/**
 * Reads a request's body. {@link LoopbackHttpServer.Exchange} does not expose it yet and src/main is outside this
 * change, so the wrapped {@link HttpExchange} is reached by reflection until the exchange grows a body accessor.
 */
final class RequestBodies {

    private static final Field HTTP = exchangeField();

    static byte[] bytes(LoopbackHttpServer.Exchange exchange) throws IOException {
        try (InputStream in = ((HttpExchange) HTTP.get(exchange)).getRequestBody()) {
            return in.readAllBytes();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach the request body of " + exchange.path(), e);
        }
    }

    static String text(LoopbackHttpServer.Exchange exchange) throws IOException {
        return new String(bytes(exchange), StandardCharsets.UTF_8);
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

    private static Field exchangeField() {
        try {
            Field field = LoopbackHttpServer.Exchange.class.getDeclaredField("http");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("LoopbackHttpServer.Exchange no longer wraps an HttpExchange named http", e);
        }
    }

    private RequestBodies() {
    }
}
