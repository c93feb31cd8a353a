package io.marketgraph.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code /docs}: Swagger UI rendering {@code /openapi.json}, its assets served from the
 * {@code org.webjars:swagger-ui} jar on the classpath (Javalin's webjar handler, {@code /webjars/...}),
 * so the page works offline. The asset paths carry the webjar's version, read from the jar itself.
 */
final class DocsPage {

    private static final String POM = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private DocsPage() {}

    static String html() {
        String assets = "/webjars/swagger-ui/" + webjarVersion() + "/";
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>MarketGraph API</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + assets + "swagger-ui.css\">\n"
                + "<link rel=\"icon\" type=\"image/png\" href=\"" + assets + "favicon-32x32.png\">\n"
                + "</head><body><div id=\"swagger-ui\"></div>\n"
                + "<script src=\"" + assets + "swagger-ui-bundle.js\"></script>\n"
                + "<script>window.ui = SwaggerUIBundle({url: \"/openapi.json\", dom_id: \"#swagger-ui\", "
                + "deepLinking: true, docExpansion: \"list\", tryItOutEnabled: false});</script>\n"
                + "</body></html>\n";
    }

    private static String webjarVersion() {
        try (InputStream in = DocsPage.class.getResourceAsStream(POM)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the classpath (" + POM + ")");
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + POM, e);
        }
    }
}
