/*
 * The environment dashboard: reads the JSON of the view's `data` endpoint, renders it into #em-dashboard and
 * refreshes it every 30 seconds without reloading the page.
 *
 * Loaded as a resource of its own (no inline script or handler: Jenkins' Content-Security-Policy). Every text that
 * comes from the data is set with textContent, never parsed as markup; links are made only from paths relative to
 * the Jenkins root or from http(s) URLs.
 *
 * The shell it expects (the view's Jelly page and the playground serve the same):
 *   <div id="em-dashboard" class="em-dashboard" data-data-url="…/data" data-root-url="/jenkins/">
 *     <input id="em-filter"> <section id="em-matrix"/> <section id="em-approvals"/>
 *     <section id="em-previews"/> <section id="em-history"/>
 *   </div>
 * Optional attributes: data-history-url (default: data URL + "/history"), data-refresh-seconds (default 30),
 * data-show-previews ("false" hides the previews).
 */
(function () {
  'use strict';

  const DEFAULT_REFRESH_SECONDS = 30;
  const HISTORY_LIMIT = 50;
  /** Previews shown at first, and added by each "Show more". */
  const PREVIEW_PAGE = 50;
  /** Matrix rows drawn at once (more than a screenful); the rest follow in chunks between frames. */
  const FIRST_ROWS = 30;
  /** Work per chunk of matrix rows: under the 50 ms of a long task, so that input is answered meanwhile. */
  const CHUNK_MILLIS = 40;
  /** Column widths of the matrix (fixed table layout). */
  const APP_COLUMN_REM = 12;
  const CELL_COLUMN_REM = 13;

  const STATE_LABELS = {
    current: 'current',
    behind: 'behind',
    promoting: 'promoting',
    waiting: 'waiting for approval',
    held: 'held',
    failed: 'failed',
    drifted: 'drifted',
  };
  const KNOWN_STATES = Object.keys(STATE_LABELS);

  /** History filters: a label and the event type ids it asks the server for (none = every type). */
  const HISTORY_GROUPS = [
    { id: 'all', label: 'All events', types: [] },
    { id: 'promotions', label: 'Promotions', types: ['promoted', 'promotion-started', 'promotion-failed'] },
    { id: 'rollbacks', label: 'Rollbacks', types: ['rolled-back'] },
    {
      id: 'approvals',
      label: 'Approvals',
      types: ['approval-requested', 'approved', 'rejected', 'approval-refused', 'approval-expired',
        'approval-cancelled', 'veto-cleared'],
    },
    { id: 'deployments', label: 'Deployments and previews', types: ['deployed', 'torn-down'] },
  ];

  const DETAIL_LABELS = {
    'rolled-back-from': 'rolled back from',
    'change-ticket': 'change ticket',
  };

  // ---------------------------------------------------------------------------------------------------------------
  // Small DOM helpers. Text always goes through textContent.

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function append(parent) {
    for (let i = 1; i < arguments.length; i++) {
      const child = arguments[i];
      if (child === null || child === undefined || child === false) {
        continue;
      }
      parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return parent;
  }

  function isText(value) {
    return typeof value === 'string' && value.length > 0;
  }

  /** A link under the Jenkins root, or plain text when the path is not a plain relative one. */
  function internalLink(root, path, text, key) {
    if (!isText(path) || /^[a-z][a-z0-9+.-]*:/i.test(path) || path.charAt(0) === '/' || path.indexOf('\\') >= 0) {
      return el('span', null, text);
    }
    const a = el('a', 'jenkins-table__link', text);
    a.href = root + path;
    if (key) {
      a.dataset.key = key;
    }
    return a;
  }

  /** A link to an http(s) URL outside Jenkins, or plain text for anything else. */
  function externalLink(url, text, key) {
    if (!isText(url) || !/^https?:\/\/[^\s]+$/i.test(url)) {
      return el('span', null, text || url);
    }
    const a = el('a', 'jenkins-table__link', text || url);
    a.href = url;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    if (key) {
      a.dataset.key = key;
    }
    return a;
  }

  function shortDigest(digest, given) {
    if (isText(given)) {
      return given;
    }
    if (!isText(digest)) {
      return '';
    }
    const hex = digest.indexOf(':') >= 0 ? digest.substring(digest.indexOf(':') + 1) : digest;
    return hex.substring(0, 12);
  }

  function digestCode(digest, short) {
    const code = el('code', 'em-digest', shortDigest(digest, short));
    if (isText(digest)) {
      code.title = digest;
    }
    return code;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Time.

  function relative(iso, now) {
    const then = Date.parse(iso);
    if (isNaN(then)) {
      return '';
    }
    const seconds = Math.round((then - now) / 1000);
    const abs = Math.abs(seconds);
    let amount;
    if (abs < 45) {
      return seconds <= 0 ? 'just now' : 'in a moment';
    } else if (abs < 3600) {
      amount = Math.round(abs / 60) + ' min';
    } else if (abs < 86400) {
      amount = Math.round(abs / 3600) + ' h';
    } else {
      amount = Math.round(abs / 86400) + ' d';
    }
    return seconds < 0 ? amount + ' ago' : 'in ' + amount;
  }

  function localTime(iso) {
    const date = new Date(iso);
    if (isNaN(date.getTime())) {
      return iso;
    }
    try {
      return date.toLocaleString(undefined, {
        year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
      });
    } catch (e) {
      return date.toISOString();
    }
  }

  /** A <time> showing "5 min ago" (kept current by the refresh), the instant in its title. */
  function relativeTime(iso) {
    if (!isText(iso)) {
      return null;
    }
    const node = el('time', 'em-time', relative(iso, Date.now()));
    node.dateTime = iso;
    node.title = iso;
    node.dataset.relative = 'true';
    return node;
  }

  /** A <time> showing the local date and time, the instant in its title. */
  function absoluteTime(iso) {
    if (!isText(iso)) {
      return null;
    }
    const node = el('time', 'em-time', localTime(iso));
    node.dateTime = iso;
    node.title = iso;
    return node;
  }

  /** Runs the function in a task of its own once the next frame was drawn. */
  function afterNextFrame(fn) {
    requestAnimationFrame(() => setTimeout(fn, 0));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Requests.

  async function getJson(url) {
    const response = await fetch(url, {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) {
      let message = 'HTTP ' + response.status;
      const type = response.headers.get('Content-Type') || '';
      let detail = '';
      if (type.indexOf('application/json') === 0) {
        try {
          const body = await response.json();
          detail = body && typeof body.error === 'string' ? body.error : '';
        } catch (e) {
          detail = '';
        }
      } else if (type.indexOf('text/plain') === 0) {
        detail = (await response.text()).trim();
      }
      if (detail) {
        message += ': ' + detail.substring(0, 300);
      }
      throw new Error(message);
    }
    return response.json();
  }

  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
    // Older browsers and plain-http Jenkins: a short-lived text area and the copy command.
    const area = el('textarea', 'em-offscreen');
    area.value = text;
    area.setAttribute('readonly', '');
    document.body.appendChild(area);
    area.select();
    let done = false;
    try {
      done = document.execCommand('copy');
    } catch (e) {
      done = false;
    }
    document.body.removeChild(area);
    return done;
  }

  // ---------------------------------------------------------------------------------------------------------------

  class Dashboard {
    constructor(root) {
      this.root = root;
      this.dataUrl = root.dataset.dataUrl || 'data';
      this.historyUrl = root.dataset.historyUrl || this.dataUrl.replace(/\/+$/, '') + '/history';
      const rootUrl = root.dataset.rootUrl || '/';
      this.rootUrl = rootUrl.charAt(rootUrl.length - 1) === '/' ? rootUrl : rootUrl + '/';
      const seconds = parseInt(root.dataset.refreshSeconds, 10);
      this.refreshMillis = (seconds > 0 ? seconds : DEFAULT_REFRESH_SECONDS) * 1000;

      this.filterInput = document.getElementById('em-filter');
      this.matrix = this.section('em-matrix');
      this.approvals = this.section('em-approvals');
      this.previews = this.section('em-previews');
      this.showPreviews = root.dataset.showPreviews !== 'false';
      this.previews.hidden = !this.showPreviews;
      this.history = this.section('em-history');

      this.data = null;
      this.rows = new Map(); // app name -> { app, key, data, row (null until drawn) }
      this.order = []; // the same entries, in the matrix's order
      this.environments = [];
      this.matrixBody = null;
      this.matrixGeneration = 0;
      this.previewState = null;
      this.previewLimit = PREVIEW_PAGE;
      this.hiddenEnvironments = new Set();
      this.historyState = null;
      this.historyRequest = 0;
      this.timer = null;
      this.loading = false;

      this.buildToolbar();
      this.renderHistoryHint();
      this.listen();
    }

    section(id) {
      let node = document.getElementById(id);
      if (!node) {
        node = el('section');
        node.id = id;
        this.root.appendChild(node);
      }
      node.classList.add('em-section');
      return node;
    }

    buildToolbar() {
      const toolbar = el('div', 'em-toolbar');
      this.status = el('p', 'em-status');
      this.status.id = 'em-status';
      this.status.setAttribute('role', 'status');
      this.status.setAttribute('aria-live', 'polite');
      this.status.textContent = 'Loading…';
      const refresh = el('button', 'jenkins-button em-refresh', 'Refresh now');
      refresh.type = 'button';
      refresh.dataset.action = 'refresh';
      refresh.dataset.key = 'refresh';
      this.chips = el('div', 'em-chips');
      this.chips.setAttribute('role', 'group');
      this.chips.setAttribute('aria-label', 'Environments shown');
      append(toolbar, this.chips, this.status, refresh);
      this.root.insertBefore(toolbar, this.matrix);
    }

    listen() {
      this.root.addEventListener('click', (event) => this.onClick(event));
      this.root.addEventListener('change', (event) => this.onChange(event));
      if (this.filterInput) {
        this.filterInput.addEventListener('input', () => this.applyFilter());
        this.filterInput.addEventListener('keydown', (event) => {
          if (event.key === 'Escape' && this.filterInput.value) {
            this.filterInput.value = '';
            this.applyFilter();
          }
        });
      }
      document.addEventListener('visibilitychange', () => {
        if (!document.hidden && this.stale) {
          this.refresh();
        }
      });
    }

    onClick(event) {
      const target = event.target.closest('[data-action]');
      if (!target || !this.root.contains(target)) {
        return;
      }
      const action = target.dataset.action;
      if (action === 'copy') {
        this.copy(target);
      } else if (action === 'history') {
        this.openHistory(target.dataset.app);
      } else if (action === 'older') {
        this.loadHistory(false);
      } else if (action === 'more-previews') {
        this.morePreviews();
      } else if (action === 'refresh') {
        this.refresh();
      } else if (action === 'environment') {
        this.toggleEnvironment(target);
      }
    }

    onChange(event) {
      const target = event.target;
      if (target.dataset.action === 'history-type' || target.dataset.action === 'history-environment') {
        if (this.historyState) {
          this.historyState.group = this.history.querySelector('[data-action="history-type"]').value;
          this.historyState.environment = this.history.querySelector('[data-action="history-environment"]').value;
          this.loadHistory(true);
        }
      }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Loading and refreshing.

    start() {
      this.refresh();
    }

    schedule() {
      if (this.timer) {
        clearTimeout(this.timer);
      }
      this.timer = setTimeout(() => {
        if (document.hidden) {
          this.stale = true; // refreshed when the tab is shown again
        } else {
          this.refresh();
        }
      }, this.refreshMillis);
    }

    async refresh() {
      if (this.loading) {
        return;
      }
      this.loading = true;
      this.stale = false;
      this.root.setAttribute('aria-busy', 'true');
      try {
        const data = await getJson(this.dataUrl);
        this.render(data);
        this.status.textContent = 'Updated at ' + new Date().toLocaleTimeString() + '.';
        this.status.classList.remove('em-status-error');
      } catch (e) {
        this.status.textContent = 'Could not load the dashboard (' + e.message + '). Trying again in '
          + Math.round(this.refreshMillis / 1000) + ' s.';
        this.status.classList.add('em-status-error');
      } finally {
        this.loading = false;
        this.root.removeAttribute('aria-busy');
        this.schedule();
      }
    }

    render(data) {
      const focusKey = this.focusedKey();
      this.data = data;
      this.renderChips(data.environments || []);
      this.renderMatrix(data);
      this.renderApprovals(data.approvals || []);
      this.renderPreviews(data.previews);
      this.applyFilter();
      this.updateTimes();
      this.restoreFocus(focusKey);
    }

    focusedKey() {
      const active = document.activeElement;
      return active && this.root.contains(active) && active.dataset ? active.dataset.key || null : null;
    }

    restoreFocus(key) {
      if (!key) {
        return;
      }
      const active = document.activeElement;
      if (active && active !== document.body && this.root.contains(active)) {
        return; // still in the page: the element survived
      }
      const candidates = this.root.querySelectorAll('[data-key]');
      for (let i = 0; i < candidates.length; i++) {
        if (candidates[i].dataset.key === key) {
          candidates[i].focus();
          return;
        }
      }
    }

    updateTimes() {
      const now = Date.now();
      const times = this.root.querySelectorAll('time[data-relative]');
      for (let i = 0; i < times.length; i++) {
        const text = relative(times[i].dateTime, now);
        if (times[i].textContent !== text) {
          times[i].textContent = text;
        }
      }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Environment chips: show or hide columns.

    renderChips(environments) {
      const names = environments.map((e) => e.name);
      const key = names.join('\u0000');
      if (this.chipsKey === key) {
        return;
      }
      this.chipsKey = key;
      clear(this.chips);
      if (names.length < 2) {
        return;
      }
      append(this.chips, el('span', 'em-chips-label', 'Environments:'));
      names.forEach((name) => {
        const chip = el('button', 'em-chip', name);
        chip.type = 'button';
        chip.dataset.action = 'environment';
        chip.dataset.environment = name;
        chip.dataset.key = 'chip:' + name;
        chip.setAttribute('aria-pressed', this.hiddenEnvironments.has(name) ? 'false' : 'true');
        this.chips.appendChild(chip);
      });
    }

    toggleEnvironment(chip) {
      const name = chip.dataset.environment;
      if (this.hiddenEnvironments.has(name)) {
        this.hiddenEnvironments.delete(name);
      } else {
        this.hiddenEnvironments.add(name);
      }
      chip.setAttribute('aria-pressed', this.hiddenEnvironments.has(name) ? 'false' : 'true');
      this.applyColumns();
    }

    applyColumns() {
      const table = this.matrix.querySelector('table');
      if (!table) {
        return;
      }
      const rows = table.rows;
      for (let r = 0; r < rows.length; r++) {
        this.hideColumns(rows[r]);
      }
      const shown = this.environments.filter((e) => !this.hiddenEnvironments.has(e.name)).length;
      table.style.minWidth = (APP_COLUMN_REM + shown * CELL_COLUMN_REM) + 'rem';
    }

    /** Hides the cells of one row that belong to the environments switched off. */
    hideColumns(row) {
      const environments = (this.data && this.data.environments) || [];
      const cells = row.cells;
      for (let c = 1; c < cells.length && c <= environments.length; c++) {
        cells[c].hidden = this.hiddenEnvironments.has(environments[c - 1].name);
      }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Filter. It works on the data, so it reaches the apps whose rows are not drawn yet.

    filterText() {
      return this.filterInput ? this.filterInput.value.trim().toLowerCase() : '';
    }

    matches(app, text) {
      return !text || String(app).toLowerCase().indexOf(text) >= 0;
    }

    applyFilter() {
      const text = this.filterText();
      let shown = 0;
      this.order.forEach((entry, index) => {
        const visible = this.matches(entry.app, text);
        if (visible) {
          // A match the chunks have not reached yet is drawn now while the screenful is not full; matches further
          // down follow with the chunks (they apply the filter too).
          if (!entry.row && text && shown < FIRST_ROWS) {
            this.materialize(index);
          }
          shown++;
        }
        if (entry.row) {
          entry.row.hidden = !visible;
        }
      });
      const rows = this.approvals.querySelectorAll('tbody tr[data-app]');
      let visible = 0;
      for (let i = 0; i < rows.length; i++) {
        rows[i].hidden = !this.matches(rows[i].dataset.app, text);
        visible += rows[i].hidden ? 0 : 1;
      }
      const scroller = this.approvals.querySelector('.em-scroll');
      if (scroller) {
        scroller.hidden = rows.length > 0 && visible === 0;
      }
      if (this.previewState) {
        if (text !== this.previewFilter) {
          this.previewState.limit = PREVIEW_PAGE; // a new filter starts from the first page again
        }
        this.previewFilter = text;
        this.fillPreviews();
      }
      const none = this.matrix.querySelector('.em-no-match');
      if (none) {
        none.hidden = !(text && shown === 0 && this.order.length > 0);
        none.textContent = 'No app matches \u201c' + text + '\u201d.';
      }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Matrix. The first screenful of rows is drawn at once, the rest in small chunks between frames, so the page
    // answers input while the rest comes in. Unchanged rows are kept across refreshes.

    renderMatrix(data) {
      const environments = data.environments || [];
      const apps = data.apps || [];
      const environmentKey = JSON.stringify(environments);
      const fresh = new Map();
      const order = [];
      this.environments = environments;

      const table = el('table', 'jenkins-table em-matrix-table');
      // Fixed layout: the header row sets the widths, so rows added later do not make the table measure again.
      // Its minimum width follows the columns shown (applyColumns).
      append(table, el('caption', 'em-visually-hidden', 'Which digest runs in each environment, per app'));
      const head = el('thead');
      const headRow = el('tr');
      const appHeader = el('th', 'em-app-header', 'App');
      appHeader.scope = 'col';
      appHeader.style.width = APP_COLUMN_REM + 'rem';
      headRow.appendChild(appHeader);
      environments.forEach((environment) => {
        const th = el('th', 'em-env-header');
        th.scope = 'col';
        th.dataset.environment = environment.name;
        append(th, el('span', 'em-env-name', environment.name));
        if (isText(environment.tier) && environment.tier !== environment.name) {
          append(th, el('span', 'em-env-tier', environment.tier));
        }
        if (isText(environment.promotesFrom)) {
          const from = el('span', 'em-env-from', 'from ' + environment.promotesFrom);
          append(th, from);
        }
        headRow.appendChild(th);
      });
      head.appendChild(headRow);
      table.appendChild(head);

      const body = el('tbody');
      const text = this.filterText();
      let drawn = 0;
      apps.forEach((app) => {
        const key = environmentKey + JSON.stringify(app);
        const old = this.rows.get(app.name);
        const entry = { app: app.name, key: key, data: app, row: old && old.key === key ? old.row : null };
        fresh.set(app.name, entry);
        order.push(entry);
        // The first screenful (of the apps the filter shows) now; kept rows cost nothing to put back.
        if (!entry.row && drawn < FIRST_ROWS && this.matches(app.name, text)) {
          entry.row = this.matrixRow(app, environments);
          drawn++;
        }
        if (entry.row) {
          body.appendChild(entry.row);
        }
      });
      table.appendChild(body);
      this.rows = fresh;
      this.order = order;
      this.matrixBody = body;

      clear(this.matrix);
      append(this.matrix, el('h2', 'em-heading', 'What runs where'));
      if (apps.length === 0) {
        append(this.matrix, el('p', 'em-empty', 'No app has been deployed yet, or none that you may see.'));
        return;
      }
      const none = el('p', 'em-empty em-no-match');
      none.hidden = true;
      const scroller = el('div', 'em-scroll');
      scroller.appendChild(table);
      append(this.matrix, scroller, none);
      this.applyColumns();
      this.drawRest();
    }

    /** Draws the rows not drawn yet, a few milliseconds of work per task, in the apps' order. */
    drawRest() {
      const generation = ++this.matrixGeneration;
      let next = 0;
      const step = () => {
        if (generation !== this.matrixGeneration) {
          return; // a refresh replaced the matrix
        }
        const until = performance.now() + CHUNK_MILLIS;
        const text = this.filterText();
        while (next < this.order.length && performance.now() < until) {
          const entry = this.order[next];
          if (!entry.row) {
            this.materialize(next);
            entry.row.hidden = !this.matches(entry.app, text);
          }
          next++;
        }
        if (next < this.order.length) {
          afterNextFrame(step);
        } else {
          this.matrix.removeAttribute('aria-busy');
        }
      };
      if (this.order.some((entry) => !entry.row)) {
        this.matrix.setAttribute('aria-busy', 'true');
        afterNextFrame(step); // the first screenful is drawn before the rest is built
      }
    }

    /** Makes the row of the app at this index and puts it before the next drawn row, so the order stays. */
    materialize(index) {
      const entry = this.order[index];
      entry.row = this.matrixRow(entry.data, this.environments);
      this.hideColumns(entry.row);
      let before = null;
      for (let i = index + 1; i < this.order.length; i++) {
        if (this.order[i].row) {
          before = this.order[i].row;
          break;
        }
      }
      this.matrixBody.insertBefore(entry.row, before);
    }

    matrixRow(app, environments) {
      const row = el('tr', 'em-row');
      row.dataset.app = app.name;
      const th = el('th', 'em-app');
      th.scope = 'row';
      const button = el('button', 'em-app-button', app.name);
      button.type = 'button';
      button.dataset.action = 'history';
      button.dataset.app = app.name;
      button.dataset.key = 'app:' + app.name;
      button.title = 'Show the history of ' + app.name;
      th.appendChild(button);
      row.appendChild(th);
      const cells = app.cells || {};
      environments.forEach((environment) => {
        row.appendChild(this.matrixCell(app.name, environment, cells[environment.name]));
      });
      return row;
    }

    matrixCell(app, environment, cell) {
      const td = el('td', 'em-cell');
      td.dataset.app = app;
      td.dataset.environment = environment.name;
      if (!cell) {
        td.classList.add('em-state-empty');
        append(td, el('span', 'em-nothing', '\u2014'), el('span', 'em-visually-hidden', 'nothing deployed'));
        return td;
      }
      const state = KNOWN_STATES.indexOf(cell.state) >= 0 ? cell.state : 'current';
      td.classList.add('em-state-' + state);
      const where = app + ' in ' + environment.name;

      append(td, el('span', 'em-badge em-badge-' + state, this.stateLabel(state, cell, environment)));
      if (state !== 'behind' && cell.behind > 0) {
        append(td, el('span', 'em-behind', this.behindText(cell, environment)));
      }

      if (isText(cell.digest)) {
        const digestLine = el('div', 'em-digest-line');
        append(digestLine, digestCode(cell.digest, cell.short));
        const copy = el('button', 'em-copy', 'Copy');
        copy.type = 'button';
        copy.dataset.action = 'copy';
        copy.dataset.digest = cell.digest;
        copy.dataset.key = 'copy:' + app + '\u0000' + environment.name;
        copy.setAttribute('aria-label', 'Copy the digest of ' + where);
        copy.title = 'Copy ' + cell.digest;
        digestLine.appendChild(copy);
        td.appendChild(digestLine);
      }

      const release = [cell.tag, cell.version].filter(isText);
      if (release.length) {
        append(td, el('div', 'em-release', release.join(' \u00b7 ')));
      }

      const meta = el('div', 'em-meta');
      append(meta, relativeTime(cell.time));
      if (cell.build) {
        append(meta, meta.firstChild ? ' \u00b7 ' : null, internalLink(this.rootUrl, cell.build.url, cell.build.name || cell.build.url,
          'build:' + app + '\u0000' + environment.name));
      }
      // Actor and strategy as one text node: fewer nodes per cell (a matrix has thousands of cells).
      const who = (isText(cell.actor) ? ' \u00b7 by ' + cell.actor : '')
        + (isText(cell.strategy) ? ' \u00b7 ' + cell.strategy : '');
      if (who) {
        append(meta, who);
      }
      if (meta.firstChild) {
        td.appendChild(meta);
      }

      if (cell.promoting) {
        const note = el('div', 'em-note em-promoting');
        append(note, 'promoting ', digestCode(cell.promoting.digest), ' since ', relativeTime(cell.promoting.since));
        td.appendChild(note);
      }
      if (isText(cell.failure)) {
        append(td, el('div', 'em-note em-failure', 'last promotion failed: ' + cell.failure));
      }
      if (cell.drift) {
        td.appendChild(this.driftNote(cell.drift));
      }
      return td;
    }

    stateLabel(state, cell, environment) {
      return state === 'behind' ? this.behindText(cell, environment) : STATE_LABELS[state];
    }

    behindText(cell, environment) {
      const count = cell.behind > 0 ? cell.behind : null;
      const source = isText(environment.promotesFrom) ? environment.promotesFrom : 'the environment before';
      return 'behind ' + source + (count ? ' by ' + count + (count === 1 ? ' promotion' : ' promotions') : '');
    }

    driftNote(drift) {
      const note = el('div', 'em-drift em-drift-' + (drift.status || 'unknown'));
      if (drift.status === 'different') {
        append(note, 'drifted: runs ',
          isText(drift.live) ? digestCode(drift.live) : el('span', null, 'nothing'));
        if (isText(drift.since)) {
          append(note, ' since ', absoluteTime(drift.since));
        }
      } else if (drift.status === 'unreadable') {
        append(note, 'live digest unreadable' + (isText(drift.message) ? ': ' + drift.message : ''));
      } else if (drift.status === 'same') {
        append(note, 'live digest matches');
      } else {
        append(note, 'live digest not read yet');
      }
      if (isText(drift.checked)) {
        append(note, ' (checked ', relativeTime(drift.checked), ')');
      }
      if (drift.status === 'different' && isText(drift.message)) {
        note.title = drift.message;
      }
      return note;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Approvals.

    renderApprovals(approvals) {
      clear(this.approvals);
      append(this.approvals, el('h2', 'em-heading', 'Waiting for approval'));
      if (approvals.length === 0) {
        append(this.approvals, el('p', 'em-empty', 'Nothing is waiting for approval.'));
        return;
      }
      const table = el('table', 'jenkins-table em-approvals-table');
      append(table, this.headerRow(['App', 'Environment', 'Digest', 'Requested by', 'Approvals', 'May approve',
        'Build', '']));
      const body = el('tbody');
      approvals.forEach((approval, index) => {
        const row = el('tr', 'em-approval');
        row.dataset.app = approval.app;
        row.dataset.environment = approval.environment;
        const digest = el('td');
        append(digest, digestCode(approval.digest, approval.short));
        if (isText(approval.replaces)) {
          append(digest, el('br'), el('span', 'em-replaces', 'replaces '), digestCode(approval.replaces));
        }
        const requested = el('td');
        append(requested, isText(approval.requester) ? approval.requester : 'unknown');
        if (isText(approval.requested)) {
          append(requested, ' \u00b7 ', relativeTime(approval.requested));
        }
        const build = el('td');
        if (approval.build) {
          append(build, internalLink(this.rootUrl, approval.build.url, approval.build.name || approval.build.url,
            'approval-build:' + index));
        }
        const link = el('td');
        const review = internalLink(this.rootUrl, approval.page, 'Review', 'approval:' + index);
        review.setAttribute('aria-label', 'Review the approval of ' + approval.app + ' for ' + approval.environment);
        link.appendChild(review);
        append(row,
          el('td', 'em-app-name', approval.app),
          el('td', null, approval.environment),
          digest,
          requested,
          el('td', 'em-count', (approval.approvals || 0) + ' of ' + (approval.required || 1)),
          el('td', null, (approval.eligible || []).join(', ')),
          build,
          link);
        body.appendChild(row);
      });
      table.appendChild(body);
      const scroller = el('div', 'em-scroll');
      scroller.appendChild(table);
      this.approvals.appendChild(scroller);
    }

    headerRow(labels) {
      const head = el('thead');
      const row = el('tr');
      labels.forEach((label) => {
        const th = el('th', null, label);
        th.scope = 'col';
        row.appendChild(th);
      });
      head.appendChild(row);
      return head;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Previews.

    renderPreviews(previews) {
      clear(this.previews);
      this.previewState = null;
      if (!this.showPreviews || previews === undefined || previews === null) {
        this.previews.hidden = true; // the view does not show previews
        return;
      }
      this.previews.hidden = false;
      append(this.previews, el('h2', 'em-heading', 'Live previews'));
      if (previews.length === 0) {
        append(this.previews, el('p', 'em-empty', 'No preview is live.'));
        return;
      }
      const table = el('table', 'jenkins-table em-previews-table');
      append(table, this.headerRow(['App', 'Pull request', 'URL', 'Digest', 'Deployed', 'Expires', 'Cluster']));
      const body = el('tbody');
      table.appendChild(body);
      const sorted = previews.slice().sort((a, b) =>
        String(a.app).localeCompare(String(b.app)) || String(a.pr).localeCompare(String(b.pr), undefined,
          { numeric: true }));
      const scroller = el('div', 'em-scroll');
      scroller.appendChild(table);
      const footer = el('div', 'em-previews-footer');
      append(this.previews, scroller, footer);
      const previous = this.previewLimit || PREVIEW_PAGE;
      this.previewState = { all: sorted, body: body, scroller: scroller, footer: footer, limit: previous };
      this.fillPreviews();
    }

    /** Draws the previews the filter shows, up to the current page limit, with a button for more. */
    fillPreviews() {
      const state = this.previewState;
      const text = this.filterText();
      const hadFocus = document.activeElement && document.activeElement.dataset
        && document.activeElement.dataset.key === 'more-previews';
      const shown = state.all.filter((preview) => this.matches(preview.app, text));
      this.previewLimit = state.limit;
      clear(state.body);
      const fragment = document.createDocumentFragment();
      shown.slice(0, state.limit).forEach((preview) => fragment.appendChild(this.previewRow(preview)));
      state.body.appendChild(fragment);
      state.scroller.hidden = shown.length === 0;
      clear(state.footer);
      if (shown.length === 0) {
        append(state.footer, el('p', 'em-empty', 'No preview of an app that matches \u201c' + text + '\u201d.'));
        return;
      }
      const count = Math.min(shown.length, state.limit);
      append(state.footer, el('span', 'em-count', 'Showing ' + count + ' of ' + shown.length
        + (shown.length === 1 ? ' preview.' : ' previews.')));
      if (count < shown.length) {
        const more = el('button', 'jenkins-button em-more', 'Show ' + Math.min(PREVIEW_PAGE, shown.length - count)
          + ' more');
        more.type = 'button';
        more.dataset.action = 'more-previews';
        more.dataset.key = 'more-previews';
        append(state.footer, ' ', more);
        if (hadFocus) {
          more.focus();
        }
      }
    }

    morePreviews() {
      if (this.previewState) {
        this.previewState.limit += PREVIEW_PAGE;
        this.fillPreviews();
        this.updateTimes();
      }
    }

    previewRow(preview) {
      const row = el('tr', 'em-preview' + (preview.expired ? ' em-preview-expired' : ''));
      row.dataset.app = preview.app;
      row.dataset.pr = preview.pr;
      const key = preview.app + '\u0000' + preview.pr;
      const pr = el('td');
      const prText = '#' + preview.pr;
      append(pr, preview.job ? internalLink(this.rootUrl, preview.job.url, prText, 'pr:' + key) : prText);
      if (preview.job && isText(preview.job.name)) {
        pr.title = preview.job.name;
      }
      const url = el('td');
      if (isText(preview.url)) {
        url.appendChild(externalLink(preview.url, preview.url, 'url:' + key));
      }
      const expires = el('td');
      if (preview.expired) {
        append(expires, el('span', 'em-badge em-badge-expired', 'expired'), ' ');
      }
      if (preview.pinned) {
        append(expires, el('span', 'em-badge em-badge-pinned', 'pinned'));
      } else if (isText(preview.expires)) {
        append(expires, relativeTime(preview.expires));
      } else if (!preview.expired) {
        append(expires, 'never');
      }
      append(row,
        el('td', 'em-app-name', preview.app),
        pr,
        url,
        append(el('td'), digestCode(preview.digest, preview.short)),
        append(el('td'), relativeTime(preview.deployed)),
        expires,
        el('td', null, preview.cluster || ''));
      return row;
    }


    // ------------------------------------------------------------------------------------------------------------
    // History of one app, on demand.

    renderHistoryHint() {
      clear(this.history);
      append(this.history, el('h2', 'em-heading', 'History'),
        el('p', 'em-empty', 'Choose an app name in the table to see its history.'));
    }

    openHistory(app) {
      if (!isText(app)) {
        return;
      }
      const previous = this.historyState;
      this.historyState = {
        app: app,
        group: previous ? previous.group : 'all',
        environment: previous ? previous.environment : '',
        events: [],
        total: 0,
      };
      this.renderHistoryFrame();
      this.historyHeading.focus();
      this.loadHistory(true);
    }

    renderHistoryFrame() {
      const state = this.historyState;
      clear(this.history);
      this.historyHeading = el('h2', 'em-heading', 'History of ' + state.app);
      this.historyHeading.tabIndex = -1;
      const controls = el('div', 'em-history-controls');
      const typeLabel = el('label', 'em-label', 'Events ');
      const type = el('select', 'jenkins-select__input em-select');
      type.dataset.action = 'history-type';
      type.dataset.key = 'history-type';
      HISTORY_GROUPS.forEach((group) => {
        const option = el('option', null, group.label);
        option.value = group.id;
        option.selected = group.id === state.group;
        type.appendChild(option);
      });
      typeLabel.appendChild(type);
      const environmentLabel = el('label', 'em-label', 'Environment ');
      const environment = el('select', 'jenkins-select__input em-select');
      environment.dataset.action = 'history-environment';
      environment.dataset.key = 'history-environment';
      const names = ((this.data && this.data.environments) || []).map((e) => e.name).concat(['preview']);
      [''].concat(names).forEach((name) => {
        const option = el('option', null, name || 'All environments');
        option.value = name;
        option.selected = name === state.environment;
        environment.appendChild(option);
      });
      environmentLabel.appendChild(environment);
      append(controls, typeLabel, environmentLabel);

      this.historyBody = el('tbody');
      const table = el('table', 'jenkins-table em-history-table');
      append(table, this.headerRow(['Time', 'Event', 'Environment', 'Digest', 'By', 'Build', 'Details']),
        this.historyBody);
      const scroller = el('div', 'em-scroll');
      scroller.appendChild(table);
      this.historyFooter = el('div', 'em-history-footer');
      append(this.history, this.historyHeading, controls, scroller, this.historyFooter);
    }

    historyQuery(offset) {
      const state = this.historyState;
      const group = HISTORY_GROUPS.filter((g) => g.id === state.group)[0] || HISTORY_GROUPS[0];
      const params = new URLSearchParams();
      params.set('app', state.app);
      params.set('offset', String(offset));
      params.set('limit', String(HISTORY_LIMIT));
      if (group.types.length) {
        params.set('type', group.types.join(','));
      }
      if (state.environment) {
        params.set('environment', state.environment);
      }
      return this.historyUrl + (this.historyUrl.indexOf('?') >= 0 ? '&' : '?') + params.toString();
    }

    async loadHistory(reset) {
      const state = this.historyState;
      if (!state) {
        return;
      }
      if (reset) {
        state.events = [];
        state.total = 0;
        clear(this.historyBody);
      }
      const request = ++this.historyRequest;
      this.history.setAttribute('aria-busy', 'true');
      clear(this.historyFooter);
      append(this.historyFooter, el('span', 'em-loading', 'Loading…'));
      try {
        const page = await getJson(this.historyQuery(state.events.length));
        if (request !== this.historyRequest || state !== this.historyState) {
          return; // a newer request is under way
        }
        const events = page.events || [];
        state.total = typeof page.total === 'number' ? page.total : state.events.length + events.length;
        const fragment = document.createDocumentFragment();
        events.forEach((event) => fragment.appendChild(this.historyRow(event)));
        this.historyBody.appendChild(fragment);
        state.events = state.events.concat(events);
        this.renderHistoryFooter(events.length > 0);
      } catch (e) {
        if (request === this.historyRequest) {
          clear(this.historyFooter);
          append(this.historyFooter, el('p', 'em-status-error', 'Could not load the history (' + e.message + ').'));
        }
      } finally {
        if (request === this.historyRequest) {
          this.history.removeAttribute('aria-busy');
        }
      }
    }

    renderHistoryFooter(gotMore) {
      const state = this.historyState;
      const hadFocus = document.activeElement && document.activeElement.dataset
        && document.activeElement.dataset.key === 'older';
      clear(this.historyFooter);
      if (state.events.length === 0) {
        append(this.historyFooter, el('p', 'em-empty', 'No event of this kind for ' + state.app + '.'));
        return;
      }
      append(this.historyFooter, el('span', 'em-count',
        'Showing ' + state.events.length + ' of ' + state.total + ' events.'));
      if (state.events.length < state.total && gotMore) {
        const older = el('button', 'jenkins-button em-older', 'Older');
        older.type = 'button';
        older.dataset.action = 'older';
        older.dataset.key = 'older';
        append(this.historyFooter, ' ', older);
        if (hadFocus) {
          older.focus();
        }
      } else if (hadFocus) {
        this.historyHeading.focus();
      }
      this.updateTimes();
    }

    historyRow(event) {
      const row = el('tr', 'em-event em-event-' + event.type);
      const time = el('td');
      append(time, relativeTime(event.time));
      const where = el('td', null, event.environment || '');
      if (isText(event.pr)) {
        append(where, ' #' + event.pr);
      }
      const build = el('td');
      if (event.build) {
        append(build, internalLink(this.rootUrl, event.build.url, event.build.name || event.build.url));
      }
      const details = el('td', 'em-details');
      const parts = [];
      if (isText(event.reason)) {
        parts.push(event.reason);
      }
      const entries = event.details || {};
      Object.keys(entries).sort().forEach((key) => {
        parts.push((DETAIL_LABELS[key] || key) + ': ' + entries[key]);
      });
      details.textContent = parts.join(' \u00b7 ');
      append(row,
        time,
        el('td', 'em-event-type', event.type),
        where,
        append(el('td'), isText(event.digest) ? digestCode(event.digest, event.short) : null),
        el('td', null, event.actor || ''),
        build,
        details);
      return row;
    }

    // ------------------------------------------------------------------------------------------------------------

    async copy(button) {
      const digest = button.dataset.digest;
      let copied = false;
      try {
        copied = await copyText(digest);
      } catch (e) {
        copied = false;
      }
      this.status.textContent = copied ? 'Copied ' + digest + '.' : 'Could not copy; the digest is ' + digest + '.';
      button.classList.toggle('em-copied', copied);
      if (copied) {
        button.textContent = 'Copied';
        setTimeout(() => {
          button.textContent = 'Copy';
          button.classList.remove('em-copied');
        }, 1500);
      }
    }
  }

  function boot() {
    const root = document.getElementById('em-dashboard');
    if (!root || root.dataset.started) {
      return;
    }
    root.dataset.started = 'true';
    new Dashboard(root).start();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', boot);
  } else {
    boot();
  }
})();
