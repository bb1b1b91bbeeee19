package io.jenkins.plugins.environments.playground;

/**
 * The playground's pages. The dashboard shell has the markup of the view's Jelly page (the same ids, classes and
 * data attributes); around it, a header and a main panel in the manner of Jenkins' layout, and the design
 * library's CSS variables from {@link #themeCss()}, light or dark.
 */
final class PageShell {

    private PageShell() {}

    /** @param theme {@code dark} for Jenkins' dark theme, anything else for the default light one */
    static String html(String theme) {
        String dataTheme = "dark".equals(theme) ? "dark" : "light";
        return """
                <!DOCTYPE html>
                <html lang="en" data-theme="%s">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Environment dashboard [Playground]</title>
                  <link rel="stylesheet" href="/playground/theme.css">
                  <link rel="stylesheet" href="/dashboard/dashboard.css">
                </head>
                <body class="pg-body">
                  <header class="pg-header">
                    <a class="pg-brand" href="%s">Jenkins</a>
                    <span class="pg-note">Playground: real registries, Git and plugin code; the Kubernetes API is a
                      fixture</span>
                    <nav class="pg-themes" aria-label="Theme">
                      <a href="/?theme=light">Light</a>
                      <a href="/?theme=dark">Dark</a>
                    </nav>
                  </header>
                  <main class="pg-main" id="main-panel">
                    <h1 class="pg-title">Environment dashboard</h1>
                    <div id="em-dashboard" class="em-dashboard" data-data-url="/data" data-root-url="%s"
                         data-show-previews="true">
                      <div class="em-filter-bar">
                        <label for="em-filter" class="jenkins-form-label">Filter apps</label>
                        <input id="em-filter" type="search" class="jenkins-input" autocomplete="off"
                               spellcheck="false" placeholder="Part of an app name">
                      </div>
                      <section id="em-matrix"></section>
                      <section id="em-approvals"></section>
                      <section id="em-previews"></section>
                      <section id="em-history"></section>
                      <noscript>
                        <p>The dashboard is drawn by a script; turn on JavaScript to see it.</p>
                      </noscript>
                    </div>
                  </main>
                  <script src="/dashboard/dashboard.js" type="text/javascript"></script>
                </body>
                </html>
                """.formatted(dataTheme, DashboardServer.ROOT_PATH, DashboardServer.ROOT_PATH);
    }

    /** The design-library variables the page uses, with Jenkins' light values and its dark theme's. */
    static String themeCss() {
        return """
                :root {
                  --background: #ffffff;
                  --header-background: #ffffff;
                  --text-color: #14141f;
                  --text-color-secondary: #5c5c6e;
                  --link-color: #0b6aa2;
                  --card-background: #f8f8fa;
                  --card-border-color: #e3e3ea;
                  --table-border-color: #e3e3ea;
                  --focus-input-border: #0b6aa2;
                  --focus-input-glow: rgba(11, 106, 162, 0.25);
                  --success-color: #138347;
                  --warning-color: #9a6700;
                  --error-color: #cc0003;
                  --green: #138347;
                  --orange: #bc4c00;
                  --red: #cc0003;
                  --blue: #0b6aa2;
                  --purple: #8250df;
                  --font-family-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
                  color-scheme: light;
                }
                [data-theme="dark"] {
                  --background: #1f1f24;
                  --header-background: #17171b;
                  --text-color: #e6e6eb;
                  --text-color-secondary: #a4a4b3;
                  --link-color: #6cb6f5;
                  --card-background: #28282e;
                  --card-border-color: #3a3a42;
                  --table-border-color: #3a3a42;
                  --focus-input-border: #6cb6f5;
                  --focus-input-glow: rgba(108, 182, 245, 0.3);
                  --success-color: #3fb950;
                  --warning-color: #d29922;
                  --error-color: #f85149;
                  --green: #3fb950;
                  --orange: #db6d28;
                  --red: #f85149;
                  --blue: #6cb6f5;
                  --purple: #ab7df8;
                  color-scheme: dark;
                }
                html, body { margin: 0; background: var(--background); color: var(--text-color); }
                body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
                a { color: var(--link-color); }
                .pg-header { display: flex; align-items: center; gap: 1.5rem; padding: 0.6rem 1.5rem;
                  background: var(--header-background); border-bottom: 1px solid var(--card-border-color); }
                .pg-brand { font-weight: 700; font-size: 1.1rem; color: var(--text-color); text-decoration: none; }
                .pg-note { color: var(--text-color-secondary); flex: 1; }
                .pg-themes { display: flex; gap: 0.8rem; }
                .pg-main { padding: 1rem 1.5rem 2rem; }
                .pg-title { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
                .jenkins-form-label { font-weight: 600; }
                .jenkins-input { font: inherit; padding: 0.35rem 0.6rem; border-radius: 6px; min-width: 18rem;
                  color: var(--text-color); background: var(--background); border: 1px solid var(--card-border-color); }
                """;
    }

    /** Where a link of the dashboard into Jenkins lands in the playground. */
    static String jenkinsStandIn(String relative) {
        String shown = relative.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Jenkins page [Playground]</title>
                <link rel="stylesheet" href="/playground/theme.css"></head>
                <body><main class="pg-main"><h1 class="pg-title">In Jenkins, this opens <code>%s</code></h1>
                <p>The playground has no Jenkins; the dashboard's links are relative to Jenkins' root URL.</p>
                <p><a href="/">Back to the dashboard</a></p></main></body></html>
                """.formatted(shown);
    }
}
