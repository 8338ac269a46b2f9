package vn.ecomdss.extract.scrape;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;

import vn.ecomdss.extract.http.JsonHttpClient;

/**
 * A site's {@code robots.txt}, fetched once per host and read with crawler-commons for our user agent. A missing
 * file (4xx) allows everything; a server error disallows everything for this run, as the robots.txt standard
 * (RFC 9309) asks.
 */
final class RobotsRules {

    private final JsonHttpClient client;
    private final String userAgent;
    private final String robotName;
    private final Map<String, BaseRobotRules> byHost = new HashMap<>();
    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();

    RobotsRules(JsonHttpClient client, String userAgent) {
        this.client = client;
        this.userAgent = userAgent;
        this.robotName = userAgent.split("[/\\s]", 2)[0].toLowerCase(Locale.ROOT);
    }

    boolean allowed(URI page, LongConsumer onRetry) {
        String host = page.getScheme() + "://" + page.getRawAuthority();
        BaseRobotRules rules = byHost.computeIfAbsent(host, h -> fetch(URI.create(h + "/robots.txt"), onRetry));
        return rules.isAllowed(page.toString());
    }

    private BaseRobotRules fetch(URI robots, LongConsumer onRetry) {
        try {
            JsonHttpClient.Page page = client.fetch(robots, "text/plain", onRetry);
            if (page.status() == 200) {
                return parser.parseContent(robots.toString(), page.body(), "text/plain", robotName);
            }
            return parser.failedFetch(page.status());
        } catch (RuntimeException e) {
            return parser.failedFetch(503);
        }
    }

    String userAgent() {
        return userAgent;
    }
}
