package io.jenkins.plugins.environments.playground;

import java.util.Map;

/** The dashboard's two JSON answers, as the view's {@code data} and {@code data/history} give them. */
interface DashboardData {

    /** @return the body of {@code GET data} */
    String data() throws Exception;

    /**
     * @param parameters the query parameters of {@code GET data/history}, each with its first value
     * @return the body
     * @throws IllegalArgumentException for a bad parameter, with the message the client is told
     */
    String history(Map<String, String> parameters) throws Exception;
}
