// The finance page: sign in with a finance token, read the daily-totals report of one of the token's
// venues, chart 30 days of net sales, download the CSV, and show the venues' node health.
// Plain browser JavaScript, no build step. Amounts are shown exactly as the API sends them (decimal
// strings); numbers are used only to size the chart's bars.
'use strict';

(() => {
  const TOKEN_KEY = 'financeToken';
  // The report's per-method and per-currency fields, in the report's order. Only the fields present in
  // the answer are shown, so the page reads the report before and after it gained refunds.
  const FIELDS = ['paymentCount', 'refundCount', 'grossSales', 'refunds', 'netSales', 'tips', 'totalCollected'];
  const LABELS = {
    paymentCount: 'Payments', refundCount: 'Refund count', grossSales: 'Gross sales', refunds: 'Refunds',
    netSales: 'Net sales', tips: 'Tips', totalCollected: 'Total collected',
  };
  const CHART_DAYS = 30;
  const CHART_PARALLEL = 4; // the report has its own small pool; do not queue 30 queries at once
  const SVG = 'http://www.w3.org/2000/svg';

  const $ = (id) => document.getElementById(id);
  let venues = [];
  let chartSeries = null;

  /** An answer the page explains in words; status 0 when the server could not be reached. */
  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  async function api(path, accept) {
    let response;
    try {
      response = await fetch(path, {
        headers: { Authorization: 'Bearer ' + token(), Accept: accept || 'application/json' },
        cache: 'no-store',
      });
    } catch (e) {
      throw new ApiError(0, 'The server could not be reached. Check the network connection and try again.');
    }
    if (!response.ok) {
      throw new ApiError(response.status, await explain(response));
    }
    return response;
  }

  async function explain(response) {
    let detail = '';
    try {
      const body = await response.json();
      detail = body.error || body.detail || '';
    } catch (e) {
      // not JSON (a proxy's page): the status says enough
    }
    switch (response.status) {
      case 401:
        return 'The token was refused: it is unknown, revoked or empty. Sign in with a valid finance token.';
      case 403:
        return 'Forbidden: ' + (detail || 'this token may not read that venue') + '.';
      case 400:
        return 'The request was refused: ' + (detail || 'check the venue and the dates') + '.';
      case 404:
        return 'Not found' + (detail ? ': ' + detail : '') + '.';
      case 502:
      case 503:
      case 504:
        return 'The service is unavailable right now (HTTP ' + response.status + ')'
          + (detail ? ': ' + detail : '') + '. Try again in a minute.';
      default:
        return 'The server answered HTTP ' + response.status + (detail ? ': ' + detail : '') + '.';
    }
  }

  function showError(message) {
    $('error').textContent = message;
    $('error').hidden = false;
  }

  function clearError() {
    $('error').hidden = true;
    $('error').textContent = '';
  }

  /** Shows an error; a refused token ends the session, because every further call would be refused too. */
  function fail(error) {
    if (error instanceof ApiError && error.status === 401) {
      signOut();
    }
    showError(error instanceof ApiError ? error.message : 'Something went wrong in the page: ' + error);
  }

  function el(tag, attributes, text) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function headRow(labels) {
    const row = el('tr');
    row.append(...labels.map((label) => el('th', { scope: 'col' }, label)));
    const head = el('thead');
    head.append(row);
    return head;
  }

  function count(n, noun) {
    return n + ' ' + noun + (n === 1 ? '' : 's');
  }

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes || {}).forEach(([k, v]) => node.setAttribute(k, String(v)));
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  // ---- sign in and out --------------------------------------------------------------------------

  async function signIn(candidate) {
    sessionStorage.setItem(TOKEN_KEY, candidate);
    try {
      venues = (await (await api('/api/finance/venues')).json()).venues;
    } catch (e) {
      signOut(); // refused, unreachable or unavailable: back to the sign-in form, saying why
      fail(e);
      return;
    }
    clearError();
    $('sign-in').hidden = true;
    $('workspace').hidden = false;
    $('signed-in').hidden = false;
    $('sign-out').hidden = false;
    $('token').value = '';
    const select = $('venue');
    select.replaceChildren(...venues.map((v) =>
      el('option', { value: v.venueId }, v.name + ' (' + v.venueId + ', ' + v.zone + ')')));
    if (venues.length === 0) {
      showError('This token may read no registered venue. Ask for a token that names your venues.');
    }
    setDefaultDates();
    loadHealth();
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    venues = [];
    chartSeries = null;
    ['totals', 'chart', 'health', 'venue', 'chart-currency'].forEach((id) => $(id).replaceChildren());
    $('totals-summary').textContent = 'Pick a venue and a day, then Show totals.';
    $('download-csv').disabled = true;
    $('workspace').hidden = true;
    $('signed-in').hidden = true;
    $('sign-out').hidden = true;
    $('sign-in').hidden = false;
    $('token').value = '';
  }

  // ---- the period -------------------------------------------------------------------------------

  function selectedVenue() {
    return venues.find((v) => v.venueId === $('venue').value);
  }

  /** Today in the venue's zone, YYYY-MM-DD. */
  function todayIn(zone) {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date());
    const part = (type) => parts.find((p) => p.type === type).value;
    return part('year') + '-' + part('month') + '-' + part('day');
  }

  /** The day n days before a YYYY-MM-DD day (calendar arithmetic, no time zone involved). */
  function daysBefore(day, n) {
    const [y, m, d] = day.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d - n)).toISOString().slice(0, 10);
  }

  function setDefaultDates() {
    const venue = selectedVenue();
    if (!venue || $('date').value) {
      return;
    }
    const today = todayIn(venue.zone);
    $('date').value = today;
    $('to').value = today;
    $('from').value = daysBefore(today, 6);
  }

  function isRange() {
    return $('period-range').checked;
  }

  function showPeriodFields() {
    $('date-field').hidden = isRange();
    document.querySelectorAll('.range-field').forEach((f) => { f.hidden = !isRange(); });
  }

  /** The period asked for, or null after saying in words what is wrong with it. */
  function period() {
    const iso = /^\d{4}-\d{2}-\d{2}$/;
    if (!isRange()) {
      const date = $('date').value;
      if (!iso.test(date)) {
        showError('Pick a date (YYYY-MM-DD).');
        return null;
      }
      return { query: 'date=' + date, label: date, end: date };
    }
    const from = $('from').value;
    const to = $('to').value;
    if (!iso.test(from) || !iso.test(to)) {
      showError('Pick both dates of the range (YYYY-MM-DD).');
      return null;
    }
    if (from > to) {
      showError('The range ends before it starts: ' + from + ' is after ' + to + '.');
      return null;
    }
    return { query: 'from=' + from + '&to=' + to, label: from + '_' + to, end: to };
  }

  function reportPath(venueId, query) {
    return '/api/reports/daily-totals?venueId=' + encodeURIComponent(venueId) + '&' + query;
  }

  /** The venue and period of the form, or null (after saying why) when the period is not valid. */
  function asked() {
    clearError();
    const venue = selectedVenue();
    const p = period();
    return venue && p ? { venue, p } : null;
  }

  // ---- totals -----------------------------------------------------------------------------------

  async function show() {
    const ask = asked();
    if (!ask) {
      return;
    }
    const { venue, p } = ask;
    $('show').disabled = true;
    try {
      const totals = await (await api(reportPath(venue.venueId, p.query))).json();
      renderTotals(totals);
      $('download-csv').disabled = false;
      loadHealth();
      await loadChart(venue, p.end);
    } catch (e) {
      fail(e);
    } finally {
      $('show').disabled = false;
    }
  }

  function fieldsOf(rows) {
    return FIELDS.filter((f) => rows.some((row) => Object.prototype.hasOwnProperty.call(row, f)));
  }

  function renderTotals(totals) {
    const period = totals.date ? totals.date : totals.from + ' to ' + totals.to;
    $('totals-summary').textContent = totals.venueId + ', ' + period + ' (business days in ' + totals.timeZone
      + '): ' + count(totals.paymentCount, 'payment') + ', ' + count(totals.orderCount, 'order') + '.';
    $('totals').replaceChildren(...totals.currencies.map(currencyTable));
    if (totals.currencies.length === 0) {
      $('totals').replaceChildren(el('p', { id: 'no-totals' }, 'No payments or refunds in this period.'));
    }
  }

  function currencyTable(block) {
    const fields = fieldsOf([block, ...block.byMethod]);
    const table = el('table', { class: 'totals', 'data-currency': block.currency });
    table.append(el('caption', {}, block.currency + ': ' + count(block.paymentCount, 'payment') + ', '
      + count(block.orderCount, 'order')));
    table.append(headRow(['Method', ...fields.map((f) => LABELS[f])]));
    const body = el('tbody');
    block.byMethod.forEach((row) => body.append(totalsRow(block.currency, row.method, row.method, row, fields)));
    const foot = el('tfoot');
    foot.append(totalsRow(block.currency, 'TOTAL', 'Total ' + block.currency, block, fields));
    table.append(body, foot);
    return table;
  }

  function totalsRow(currency, method, label, values, fields) {
    const tr = el('tr');
    tr.append(el('th', { scope: 'row' }, label));
    fields.forEach((f) => {
      const present = Object.prototype.hasOwnProperty.call(values, f);
      // The API's own string (or count): never parsed, never rounded.
      tr.append(el('td', { 'data-currency': currency, 'data-method': method, 'data-field': f },
        present ? String(values[f]) : ''));
    });
    return tr;
  }

  async function downloadCsv() {
    const ask = asked();
    if (!ask) {
      return;
    }
    const { venue, p } = ask;
    try {
      const blob = await (await api(reportPath(venue.venueId, p.query), 'text/csv')).blob();
      const url = URL.createObjectURL(blob);
      const link = el('a', { href: url, download: 'daily-totals-' + venue.venueId + '-' + p.label + '.csv' });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      fail(e);
    }
  }

  // ---- the 30-day chart -------------------------------------------------------------------------

  /** One report per day, a few at a time; returns [{day, totals}] oldest first. */
  async function thirtyDays(venueId, end) {
    const days = [];
    for (let i = CHART_DAYS - 1; i >= 0; i--) {
      days.push(daysBefore(end, i));
    }
    const results = new Array(days.length);
    let next = 0;
    const worker = async () => {
      while (next < days.length) {
        const i = next++;
        results[i] = { day: days[i], totals: await (await api(reportPath(venueId, 'date=' + days[i]))).json() };
      }
    };
    await Promise.all(Array.from({ length: CHART_PARALLEL }, worker));
    return results;
  }

  async function loadChart(venue, end) {
    $('chart').replaceChildren(el('p', { class: 'hint' }, 'Loading 30 days…'));
    const days = await thirtyDays(venue.venueId, end);
    const currencies = [...new Set(days.flatMap((d) => d.totals.currencies.map((c) => c.currency)))].sort();
    const hasNet = days.some((d) => d.totals.currencies.some((c) => 'netSales' in c));
    chartSeries = { days, end, hasNet };
    const select = $('chart-currency');
    const keep = select.value;
    select.replaceChildren(...currencies.map((c) => el('option', { value: c }, c)));
    if (currencies.includes(keep)) {
      select.value = keep;
    }
    $('chart-currency-field').hidden = currencies.length < 2;
    $('chart-title').textContent = (hasNet ? 'Net sales' : 'Gross sales') + ' per day, 30 days to ' + end;
    drawChart();
  }

  function drawChart() {
    const chart = $('chart');
    if (!chartSeries) {
      return;
    }
    const currency = $('chart-currency').value;
    if (!currency) {
      $('chart-note').textContent = '';
      chart.replaceChildren(el('p', { id: 'no-chart' }, 'No payments in these 30 days.'));
      return;
    }
    const field = chartSeries.hasNet ? 'netSales' : 'grossSales';
    const points = chartSeries.days.map((d) => {
      const block = d.totals.currencies.find((c) => c.currency === currency);
      const text = block ? String(block[field] !== undefined ? block[field] : block.grossSales) : '0';
      return { day: d.day, text, value: Number(text) }; // Number only for the bar's height
    });
    const width = 760;
    const height = 260;
    const left = 70;
    const right = 10;
    const top = 14;
    const bottom = 40;
    const max = Math.max(0, ...points.map((p) => p.value));
    const min = Math.min(0, ...points.map((p) => p.value));
    const span = max - min || 1;
    const y = (v) => top + (max - v) / span * (height - top - bottom);
    const slot = (width - left - right) / points.length;
    const root = svg('svg', {
      viewBox: '0 0 ' + width + ' ' + height, role: 'img', class: 'bars', 'data-currency': currency,
      'aria-label': 'Daily ' + (chartSeries.hasNet ? 'net' : 'gross') + ' sales in ' + currency,
    });
    const highest = points.reduce((a, b) => (b.value > a.value ? b : a), points[0]);
    const lowest = points.reduce((a, b) => (b.value < a.value ? b : a), points[0]);
    root.append(svg('line', { x1: left, x2: width - right, y1: y(0), y2: y(0), class: 'axis' }));
    root.append(svg('text', { x: left - 6, y: y(0) + 4, class: 'label end' }, '0'));
    if (highest.value > 0) {
      root.append(svg('line', { x1: left, x2: width - right, y1: y(highest.value), y2: y(highest.value), class: 'grid' }));
      root.append(svg('text', { x: left - 6, y: y(highest.value) + 4, class: 'label end' }, highest.text));
    }
    if (lowest.value < 0) {
      root.append(svg('line', { x1: left, x2: width - right, y1: y(lowest.value), y2: y(lowest.value), class: 'grid' }));
      root.append(svg('text', { x: left - 6, y: y(lowest.value) + 4, class: 'label end' }, lowest.text));
    }
    points.forEach((p, i) => {
      const x = left + i * slot;
      const bar = svg('rect', {
        x: x + 1, width: Math.max(1, slot - 2), y: Math.min(y(p.value), y(0)),
        height: Math.max(p.value === 0 ? 0 : 1, Math.abs(y(p.value) - y(0))),
        class: 'bar' + (p.day === chartSeries.end ? ' picked' : '') + (p.value < 0 ? ' negative' : ''),
        'data-date': p.day, 'data-value': p.text,
      });
      bar.append(svg('title', {}, p.day + ': ' + p.text + ' ' + currency));
      root.append(bar);
      if (i % 5 === 4 || i === 0) {
        root.append(svg('text', { x: x + slot / 2, y: height - bottom + 16, class: 'label middle' }, p.day.slice(5)));
      }
    });
    const picked = points[points.length - 1];
    $('chart-note').textContent = (chartSeries.hasNet ? '' : 'This report has no refunds yet: the chart shows gross sales. ')
      + picked.day + ': ' + picked.text + ' ' + currency + ' (orange).';
    chart.replaceChildren(root);
  }

  // ---- node health ------------------------------------------------------------------------------

  async function loadHealth() {
    const panel = $('health');
    let health;
    try {
      health = await (await api('/api/health/venues')).json();
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        panel.replaceChildren(el('p', { id: 'health-unavailable' }, 'node health unavailable'));
      } else if (e instanceof ApiError && e.status === 401) {
        fail(e);
      } else {
        panel.replaceChildren(el('p', { id: 'health-unavailable' }, 'Node health could not be read. '
          + (e instanceof ApiError ? e.message : String(e))));
      }
      return;
    }
    const table = el('table', { class: 'health' });
    table.append(el('caption', {}, 'Silent: nothing heard for more than ' + health.silentAfterSeconds + ' s.'));
    table.append(headRow(['Venue', 'Node', 'Last seen', 'Oldest pending', 'Queue', 'Slot lag', 'Status']));
    const body = el('tbody');
    health.venues.forEach((venue) => {
      const nodes = venue.nodes && venue.nodes.length ? venue.nodes : [null];
      nodes.forEach((node) => {
        const silent = node ? node.silent : venue.silent;
        const tr = el('tr', { 'data-venue': venue.venueId, 'data-node': node ? node.nodeId : '',
          class: silent ? 'silent' : 'ok' });
        tr.append(
          el('th', { scope: 'row' }, venue.name || venue.venueId),
          el('td', {}, node ? node.nodeId : 'no node'),
          el('td', { 'data-field': 'lastSeen' }, lastSeen(node ? node.lastSeen : venue.lastSeen)),
          el('td', {}, node && node.oldestPendingAgeSeconds != null ? node.oldestPendingAgeSeconds + ' s' : '–'),
          el('td', {}, node && node.queueDepth != null ? String(node.queueDepth) : '–'),
          el('td', {}, node && node.slotLagBytes != null ? bytes(node.slotLagBytes) : '–'),
          el('td', { 'data-field': 'silent' }, silent ? 'SILENT' : 'reporting'));
        body.append(tr);
      });
    });
    table.append(body);
    panel.replaceChildren(table);
  }

  function lastSeen(instant) {
    if (!instant) {
      return 'never';
    }
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(instant)) / 1000));
    const ago = seconds < 120 ? seconds + ' s' : seconds < 7200 ? Math.round(seconds / 60) + ' min'
      : Math.round(seconds / 3600) + ' h';
    return instant + ' (' + ago + ' ago)';
  }

  function bytes(n) {
    return n < 1024 ? n + ' B' : n < 1048576 ? (n / 1024).toFixed(1) + ' KiB' : (n / 1048576).toFixed(1) + ' MiB';
  }

  // ---- wiring -----------------------------------------------------------------------------------

  $('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    clearError();
    const candidate = $('token').value.trim();
    if (!candidate) {
      showError('Enter a finance token.');
      return;
    }
    signIn(candidate);
  });
  $('sign-out').addEventListener('click', () => {
    clearError();
    signOut();
  });
  $('query').addEventListener('submit', (event) => {
    event.preventDefault();
    show();
  });
  $('download-csv').addEventListener('click', downloadCsv);
  $('period-day').addEventListener('change', showPeriodFields);
  $('period-range').addEventListener('change', showPeriodFields);
  $('chart-currency').addEventListener('change', drawChart);
  $('venue').addEventListener('change', () => {
    $('download-csv').disabled = true;
  });

  showPeriodFields();
  if (token()) {
    signIn(token()); // a reload in the same tab keeps the session
  } else {
    signOut();
  }
})();
