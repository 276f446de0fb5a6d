package org.conduit.node.https;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.conduit.storage.spi.StoragePath;

/** A plain HTML directory index: one relative link per entry (what wget -r and rclone's http backend follow). */
final class HtmlIndex {
    private HtmlIndex() {
    }

    static String render(StoragePath directory, JsonNode entries) {
        String title = escape(directory.toString());
        StringBuilder html = new StringBuilder()
            .append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Index of ").append(title)
            .append("</title></head>\n<body><h1>Index of ").append(title).append("</h1>\n<table>\n")
            .append("<tr><th>Name</th><th>Last modified</th><th>Size</th></tr>\n");
        if (!directory.isRoot()) {
            html.append("<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n");
        }
        for (JsonNode e : entries) {
            boolean dir = "dir".equals(e.path("type").asText());
            String name = e.path("name").asText();
            String href = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + (dir ? "/" : "");
            html.append("<tr><td><a href=\"").append(href).append("\">").append(escape(name)).append(dir ? "/" : "")
                .append("</a></td><td>").append(escape(e.path("last_modified").asText())).append("</td><td>")
                .append(dir ? "-" : e.path("size").asText()).append("</td></tr>\n");
        }
        return html.append("</table></body></html>\n").toString();
    }

    /** Text made safe for HTML element content and quoted attribute values. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
