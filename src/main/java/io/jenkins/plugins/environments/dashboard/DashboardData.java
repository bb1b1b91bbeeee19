package io.jenkins.plugins.environments.dashboard;

import java.util.Objects;
import java.util.function.Function;

/**
 * What the dashboard's data endpoint answers, for one person and one view: {@code data} the dashboard as JSON,
 * {@code data/history} one page of an app's history, anything else 404. A bad parameter answers 400 with {@code
 * {"error": …}} saying what is wrong. The view narrows what the person may see ({@link #narrowed}); it never widens it.
 */
public final class DashboardData {

    /** The path of the history under {@code data}. */
    public static final String HISTORY = "history";

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param json the body
     */
    public record Answer(int status, String json) {}

    private final DashboardQuery query;
    private final ViewFilter filter;

    /**
     * @param query the dashboard of the person, built with {@link #narrowed} visibility
     * @param filter what the view shows
     */
    public DashboardData(DashboardQuery query, ViewFilter filter) {
        this.query = Objects.requireNonNull(query, "query");
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    /** @return what the person may see of an environment, narrowed to the view's environments */
    public static Visibility narrowed(Visibility person, ViewFilter filter) {
        return Visibility.of(
                person::canSeeBuild,
                environment -> filter.showsEnvironment(environment) && person.canSeeEnvironment(environment));
    }

    /**
     * @param path what follows {@code data}: empty or {@code history}; slashes at either end do not count
     * @param parameters the request's query parameters by name, {@code null} when absent
     */
    public Answer answer(String path, Function<String, String> parameters) {
        String rest = trimSlashes(path);
        if (rest.isEmpty()) {
            Dashboard dashboard = query.dashboard().onlyApps(filter::showsApp);
            return new Answer(
                    200, DashboardJson.write(filter.showsPreviews() ? dashboard : dashboard.withoutPreviews()));
        }
        if (!rest.equals(HISTORY)) {
            return new Answer(404, DashboardJson.error("Nothing here: ask for data or data/history."));
        }
        HistoryRequest request;
        try {
            request = HistoryRequest.parse(
                    parameters.apply("app"),
                    parameters.apply("offset"),
                    parameters.apply("limit"),
                    parameters.apply("type"),
                    parameters.apply("environment"));
        } catch (IllegalArgumentException e) {
            return new Answer(400, DashboardJson.error(e.getMessage()));
        }
        if (!filter.showsApp(request.app())) {
            return new Answer(404, DashboardJson.error("This view does not show the app '" + request.app() + "'."));
        }
        return new Answer(200, DashboardJson.history(query.history(request)));
    }

    private static String trimSlashes(String path) {
        String p = path == null ? "" : path;
        int start = 0;
        int end = p.length();
        while (start < end && p.charAt(start) == '/') {
            start++;
        }
        while (end > start && p.charAt(end - 1) == '/') {
            end--;
        }
        return p.substring(start, end);
    }
}
