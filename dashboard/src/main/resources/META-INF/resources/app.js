// tlsrpt dashboard: a small single-page app over the query API (/api/v1). No framework; Apache ECharts (bundled in
// the jar at build time) draws the charts. Every value from a report is put in the page as text, never as HTML:
// report contents come from strangers.
'use strict';

const TOKEN_KEY = 'tlsrpt.token';
const DAY_MS = 86400000;
const SPARK_CONCURRENCY = 4;
const SPARK_LIMIT = 100;
const SHOW_LIMIT = 200;
const sparkCache = new Map();

// ---------- small DOM helpers ----------

function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const view = () => document.getElementById('view');

/** Puts the parts in the view; a part left out (null, false) is skipped, where replaceChildren would print "null". */
function showView(...parts) {
  view().replaceChildren(...parts.flat(Infinity).filter((part) => part !== undefined && part !== null && part !== false));
}
const fmt = new Intl.NumberFormat('en-US');
const number = (n) => (n === undefined || n === null || n === '' ? '' : fmt.format(Number(n)));
const percent = (rate) => (rate === undefined || rate === null ? '' : (Number(rate) * 100).toFixed(2) + ' %');

function rateOf(successful, failed) {
  const total = Number(successful || 0) + Number(failed || 0);
  return total === 0 ? 0 : Number(failed || 0) / total;
}

/** A list answer may be a bare array or a page object; the rows are what the tables need. */
function rowsOf(answer) {
  if (Array.isArray(answer)) return answer;
  if (answer && typeof answer === 'object') {
    for (const key of ['items', 'rows', 'data', 'results', 'content']) {
      if (Array.isArray(answer[key])) return answer[key];
    }
  }
  return [];
}

function first(row, ...names) {
  for (const name of names) {
    if (row && row[name] !== undefined && row[name] !== null) return row[name];
  }
  return undefined;
}

// ---------- messages and auth ----------

function showMessage(text, kind) {
  const box = document.getElementById('message');
  box.textContent = text;
  box.className = 'message' + (kind ? ' ' + kind : '');
  box.hidden = !text;
}

function token() {
  return sessionStorage.getItem(TOKEN_KEY) || localStorage.getItem(TOKEN_KEY);
}

function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(TOKEN_KEY);
}

function showLogin(reason) {
  view().replaceChildren();
  document.getElementById('login').hidden = false;
  document.getElementById('logout').hidden = true;
  showMessage(reason || '', reason ? '' : undefined);
  document.getElementById('token').focus();
}

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function problemText(response) {
  try {
    const text = await response.text();
    try {
      const problem = JSON.parse(text);
      const errors = Array.isArray(problem.errors) ? ': ' + problem.errors.join('; ') : '';
      return (problem.detail || problem.title || problem.message || text) + errors;
    } catch (notJson) {
      return text;
    }
  } catch (unreadable) {
    return '';
  }
}

/** Calls the API with the bearer token; 401 sends the user back to the login form, 403 says what it means. */
async function api(path, options) {
  const headers = Object.assign({ Accept: 'application/json' }, (options && options.headers) || {});
  headers.Authorization = 'Bearer ' + token();
  const response = await fetch(path, Object.assign({}, options || {}, { headers }));
  if (response.status === 401) {
    forgetToken();
    showLogin('The API refused the token (401 Unauthorized): it is unknown or was revoked. Sign in with a valid token.');
    throw new ApiError(401, 'unauthorized');
  }
  if (response.status === 403) {
    throw new ApiError(403, 'This token may not see this (403 Forbidden): it is scoped to other domains.');
  }
  if (!response.ok) {
    const detail = await problemText(response);
    throw new ApiError(response.status, `The API answered ${response.status} for ${path}${detail ? ': ' + detail : ''}`);
  }
  return options && options.raw ? response : (response.status === 204 ? null : response.json());
}

function failed(error) {
  if (error instanceof ApiError && error.status === 401) return; // the login form says it
  showMessage(error.message || String(error));
}

// ---------- date range, kept in the URL so that views can be linked ----------

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  const today = new Date();
  const to = /^\d{4}-\d{2}-\d{2}$/.test(params.get('to') || '') ? params.get('to') : isoDay(today);
  const from = /^\d{4}-\d{2}-\d{2}$/.test(params.get('from') || '') ? params.get('from')
    : isoDay(new Date(Date.parse(to) - 29 * DAY_MS));
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), from, to };
}

function link(path, r) {
  return '#' + path + '?from=' + r.from + '&to=' + r.to;
}

function daysBetween(from, to) {
  const days = [];
  for (let t = Date.parse(from); t <= Date.parse(to) && days.length < 3660; t += DAY_MS) {
    days.push(isoDay(new Date(t)));
  }
  return days;
}

function rangeQuery(r, extra) {
  const params = new URLSearchParams(Object.assign({ from: r.from, to: r.to }, extra || {}));
  return params.toString();
}

// ---------- charts ----------

const charts = new Set();

function chart(element, option) {
  const instance = echarts.init(element, null, { renderer: 'canvas' });
  instance.setOption(option);
  charts.add(instance);
  return instance;
}

function disposeCharts() {
  for (const instance of charts) instance.dispose();
  charts.clear();
}

window.addEventListener('resize', () => charts.forEach((instance) => instance.resize()));

/** An inline SVG line of daily failure rates: cheap enough for one per table row. */
function sparkline(values) {
  const width = 120;
  const height = 28;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  const max = Math.max(0.0001, ...values.filter((v) => v !== null));
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - ((v || 0) / max) * (height - 4)).toFixed(1)}`);
  const line = document.createElementNS(ns, 'polyline');
  line.setAttribute('points', points.join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', values.some((v) => v > 0) ? '#d0453a' : '#2e9d5b');
  line.setAttribute('stroke-width', '1.5');
  svg.append(line);
  const title = document.createElementNS(ns, 'title');
  title.textContent = 'daily failure rate, peak ' + percent(max === 0.0001 ? 0 : max);
  svg.append(title);
  return svg;
}

// ---------- tables ----------

/**
 * columns: [{label, value(row) -> node|string, num?: true, cls?}]. Rows come straight from the API.
 */
function table(id, columns, rows, emptyText) {
  if (!rows.length) return h('p', { class: 'empty', id }, emptyText || 'Nothing in this range.');
  return h('div', { class: 'scroll' },
    h('table', { id },
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: [c.num ? 'num' : '', c.cls || ''].join(' ').trim() || null }, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) => {
        const value = c.value(row);
        return h('td', { class: [c.num ? 'num' : '', c.cls || ''].join(' ').trim() || null }, value);
      }))))));
}

/** A table of whatever scalar fields the rows have, for answers whose shape the page does not need to know. */
function genericTable(id, rows, emptyText) {
  const keys = [];
  for (const row of rows.slice(0, 50)) {
    for (const [key, value] of Object.entries(row)) {
      if (!keys.includes(key) && (value === null || typeof value !== 'object')) keys.push(key);
    }
  }
  return table(id, keys.map((key) => ({
    label: key, num: typeof rows[0][key] === 'number', cls: 'wrap',
    value: (row) => (typeof row[key] === 'number' ? number(row[key]) : row[key] === null ? '' : String(row[key] ?? '')),
  })), rows, emptyText);
}

function card(label, value, id) {
  return h('div', { class: 'card' }, h('div', { class: 'label' }, label), h('div', { class: 'value', id }, value));
}

function rateCell(rate) {
  return h('span', { class: Number(rate) > 0 ? 'rate-bad' : 'rate-ok' }, percent(rate));
}

/**
 * A button that downloads a list as CSV: the same API request with format=csv (so the same range and the same
 * token scope), saved under the name the API gives it. The API neutralises cells a spreadsheet would run as formulas.
 */
function csvButton(id, path) {
  const download = async () => {
    try {
      const response = await api(path + (path.includes('?') ? '&' : '?') + 'format=csv', { raw: true, headers: { Accept: 'text/csv' } });
      const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
      const url = URL.createObjectURL(await response.blob());
      const anchor = h('a', { href: url, download: name ? name[1] : 'export.csv', hidden: true });
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (error) {
      failed(error);
    }
  };
  return h('button', { type: 'button', class: 'download', id, onclick: download }, 'Download CSV');
}

/** A panel's heading with its CSV download on the right. */
function heading(text, downloadId, path) {
  return h('div', { class: 'heading' }, h('h2', {}, text), csvButton(downloadId, path));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Per month of this year and of last year (a month-granularity summary): sessions and failure rate, the policy type
 * with most sessions standing for the month (sts and tlsa are the same sessions, never added up).
 */
function yearOverYear(summary, year) {
  const best = new Map();
  for (const m of summary.days || []) {
    const s = Number(m.successfulSessions || 0);
    const f = Number(m.failedSessions || 0);
    const key = String(m.date).slice(0, 7);
    const known = best.get(key);
    if (!known || s + f > known.s + known.f) best.set(key, { s, f });
  }
  return MONTHS.map((label, i) => {
    const month = String(i + 1).padStart(2, '0');
    const now = best.get(`${year}-${month}`);
    const before = best.get(`${year - 1}-${month}`);
    return {
      month: label,
      sessions: now ? now.s + now.f : null,
      rate: now ? rateOf(now.s, now.f) : null,
      lastSessions: before ? before.s + before.f : null,
      lastRate: before ? rateOf(before.s, before.f) : null,
    };
  });
}

function drawYearOverYear(element, months, year) {
  chart(element, {
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '' : (v * 100).toFixed(2) + ' %') },
    xAxis: { type: 'category', data: MONTHS },
    yAxis: { type: 'value', axisLabel: { formatter: (v) => (v * 100).toFixed(1) + ' %' } },
    series: [
      { name: `${year - 1} failure rate`, type: 'line', data: months.map((m) => m.lastRate), itemStyle: { color: '#9aa5b1' } },
      { name: `${year} failure rate`, type: 'line', data: months.map((m) => m.rate), itemStyle: { color: '#d0453a' } },
    ],
  });
}

// ---------- views ----------

async function domainsView(r) {
  sparkCache.clear(); // fresh figures on every visit; the cache only serves the filter's redraws
  const answer = await api('/api/v1/domains?' + rangeQuery(r));
  // most failed sessions first: the domains that need a look
  const rows = rowsOf(answer).slice().sort((a, b) => Number(b.failedSessions || 0) - Number(a.failedSessions || 0)
    || String(a.domain).localeCompare(String(b.domain)));
  const successful = rows.reduce((sum, row) => sum + Number(row.successfulSessions || 0), 0);
  const failedSessions = rows.reduce((sum, row) => sum + Number(row.failedSessions || 0), 0);
  const sparks = new Map();
  const checkFlag = checkFlags(); // checks.js
  const columns = [
    { label: 'Domain', cls: 'wrap', value: (row) => h('a', { href: link('/domain/' + encodeURIComponent(row.domain), r) }, row.domain) },
    { label: 'Successful', num: true, value: (row) => number(row.successfulSessions) },
    { label: 'Failed', num: true, value: (row) => number(row.failedSessions) },
    // computed here from the two counts, whatever scale the API's failureRate uses
    { label: 'Failure rate', num: true, value: (row) => rateCell(rateOf(row.successfulSessions, row.failedSessions)) },
    { label: 'Now', value: (row) => checkFlag(row.domain) },
    { label: 'Trend', value: (row) => { const cell = h('span', { class: 'spark-cell' }); sparks.set(row.domain, cell); return cell; } },
    { label: 'Reporters', num: true, cls: 'hide-narrow', value: (row) => number(row.reporters) },
    { label: 'Last report', cls: 'hide-narrow', value: (row) => (row.lastReportAt || '').toString().replace('T', ' ').replace(/\.\d+/, '') },
  ];
  const holder = h('div', {});
  const note = h('p', { class: 'muted' });
  const filter = h('input', { id: 'domain-filter', type: 'search', placeholder: 'Filter domains', 'aria-label': 'Filter domains' });
  // a tenant may have many thousands of domains: the table shows the first SHOW_LIMIT that match the filter
  const draw = () => {
    const text = filter.value.trim().toLowerCase();
    const matching = text ? rows.filter((row) => String(row.domain).toLowerCase().includes(text)) : rows;
    const shown = matching.slice(0, SHOW_LIMIT);
    sparks.clear();
    holder.replaceChildren(table('domains', columns, shown,
      text ? 'No domain matches.' : 'No reports in this range. Reports posted to / or /v1/reports, mailed or fetched over IMAP show up here.'));
    note.textContent = matching.length > shown.length ? `Showing ${shown.length} of ${matching.length} domains; filter to find others.` : '';
    return fillSparklines(shown.slice(0, SPARK_LIMIT).map((row) => row.domain), sparks, r);
  };
  let typing;
  filter.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(draw, 200); });
  showView(
    h('h1', {}, 'Domains'),
    h('div', { class: 'cards' },
      card('Domains', number(rows.length), 'total-domains'),
      card('Successful sessions', number(successful), 'total-successful'),
      card('Failed sessions', number(failedSessions), 'total-failed'),
      card('Failure rate', percent(rateOf(successful, failedSessions)), 'total-rate')),
    h('div', { class: 'panel' }, h('div', { class: 'heading' }, h('span', {}), csvButton('download-domains', '/api/v1/domains?' + rangeQuery(r))),
      rows.length > 10 ? h('p', {}, filter) : null, note, holder));
  await draw();
}

/** Daily failure rates per domain from its summary, a few requests at a time. */
async function fillSparklines(domains, cells, r) {
  const days = daysBetween(r.from, r.to);
  const queue = domains.slice();
  const worker = async () => {
    while (queue.length) {
      const domain = queue.shift();
      try {
        const path = '/api/v1/domains/' + encodeURIComponent(domain) + '/summary?' + rangeQuery(r);
        if (!sparkCache.has(path)) sparkCache.set(path, await api(path));
        const summary = sparkCache.get(path);
        // per day, the policy type with most sessions stands for the day (sts and tlsa are the same sessions)
        const byDay = new Map();
        for (const d of summary.days || []) {
          const s = Number(d.successfulSessions || 0);
          const f = Number(d.failedSessions || 0);
          const best = byDay.get(d.date);
          if (!best || s + f > best.s + best.f) byDay.set(d.date, { s, f });
        }
        const values = days.map((day) => (byDay.has(day) ? rateOf(byDay.get(day).s, byDay.get(day).f) : 0));
        cells.get(domain)?.replaceChildren(sparkline(values));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return;
        cells.get(domain)?.replaceChildren(h('span', { class: 'muted' }, 'n/a'));
      }
    }
  };
  await Promise.all(Array.from({ length: SPARK_CONCURRENCY }, worker));
}

async function domainView(r, domain) {
  const base = '/api/v1/domains/' + encodeURIComponent(domain);
  const year = Number(r.to.slice(0, 4));
  const [domains, summary, byResult, byIp, byMx, reporters, reports, months] = await Promise.all([
    api('/api/v1/domains?' + rangeQuery(r)),
    api(base + '/summary?' + rangeQuery(r)),
    api(base + '/failures?' + rangeQuery(r, { by: 'result-type' })),
    api(base + '/failures?' + rangeQuery(r, { by: 'sending-mta-ip' })),
    api(base + '/failures?' + rangeQuery(r, { by: 'receiving-mx-hostname' })),
    api('/api/v1/reporters?' + rangeQuery(r, { domain })),
    api('/api/v1/reports?' + rangeQuery(r, { domain })),
    // this year's months against last year's: month buckets summed from the daily aggregates by the API
    api(base + '/summary?' + new URLSearchParams({ from: `${year - 1}-01-01`, to: r.to, granularity: 'month' })),
  ]);
  const yoy = yearOverYear(months, year);
  const yoyChart = h('div', { class: 'chart', id: 'yoy-chart' });
  const policyTypes = summary.policyTypes || [];
  // The API's domain totals count one reporter's sessions of a day once, not once per policy type (sts and tlsa
  // of one report are the same sessions), so they are taken from the domains list, never summed here.
  const totals = rowsOf(domains).find((row) => row.domain === domain) || {};
  const totalOk = Number(totals.successfulSessions || 0);
  const totalFailed = Number(totals.failedSessions || 0);
  const failures = (answer, by) => rowsOf(answer).slice().sort((a, b) => Number(b.failedSessions) - Number(a.failedSessions))
    .map((row) => ({ key: breakdownKey(row, by), policyType: row.policyType ?? '', failedSessions: Number(row.failedSessions || 0) }));
  const resultTypes = failures(byResult, 'result-type');
  const ips = failures(byIp, 'sending-mta-ip');
  const mxs = failures(byMx, 'receiving-mx-hostname');
  const failureColumns = (label) => [
    { label, cls: 'wrap', value: (row) => row.key ?? '' },
    { label: 'Policy', value: (row) => row.policyType },
    { label: 'Failed sessions', num: true, value: (row) => number(row.failedSessions) },
  ];

  const dailyChart = h('div', { class: 'chart', id: 'daily-chart' });
  const resultChart = h('div', { class: 'chart small', id: 'result-chart' });
  showView(
    h('p', {}, h('a', { href: link('/', r) }, '← Domains')),
    h('h1', {}, domain),
    h('div', { class: 'cards' },
      card('Successful sessions', number(totalOk), 'domain-successful'),
      card('Failed sessions', number(totalFailed), 'domain-failed'),
      card('Failure rate', percent(rateOf(totalOk, totalFailed)), 'domain-rate'),
      policyTypes.map((p) => card(`${p.policyType}: failed / successful`,
        `${number(p.failedSessions)} / ${number(p.successfulSessions)}`, 'policy-' + p.policyType))),
    nowPanel(domain), // checks.js
    policyTypes.length > 1 ? h('p', { class: 'muted' }, 'Policy types are shown apart: a report\'s sts and tlsa results describe the same sessions.') : null,
    h('div', { class: 'panel' }, h('h2', {}, 'Sessions per day and policy type'), dailyChart),
    h('div', { class: 'grid2' },
      h('div', { class: 'panel' }, heading('Failures by result type', 'download-failures-result-type', base + '/failures?' + rangeQuery(r, { by: 'result-type' })), resultChart,
        table('failures-result-type', failureColumns('Result type'), resultTypes, 'No failures in this range.'),
        diagnosisTable(domain, r)),
      h('div', { class: 'panel' }, heading('Top sending IPs', 'download-failures-sending-ip', base + '/failures?' + rangeQuery(r, { by: 'sending-mta-ip' })),
        table('failures-sending-ip', failureColumns('Sending MTA IP'), ips.slice(0, 20), 'No failures in this range.'))),
    h('div', { class: 'grid2' },
      h('div', { class: 'panel' }, heading('Receiving MX hosts', 'download-failures-receiving-mx', base + '/failures?' + rangeQuery(r, { by: 'receiving-mx-hostname' })),
        table('failures-receiving-mx', failureColumns('Receiving MX'), mxs.slice(0, 20), 'No failures in this range.')),
      h('div', { class: 'panel' }, heading('Reporters', 'download-reporters', '/api/v1/reporters?' + rangeQuery(r, { domain })), reportersTable(rowsOf(reporters)))),
    h('div', { class: 'panel' }, heading('Reports', 'download-reports', '/api/v1/reports?' + rangeQuery(r, { domain, limit: 1000 })), reportsTable(rowsOf(reports), r)),
    h('div', { class: 'panel' }, h('h2', {}, `Year over year: ${year} against ${year - 1}, per month`), yoyChart,
      table('year-over-year', [
        { label: 'Month', value: (m) => m.month },
        { label: `Sessions ${year - 1}`, num: true, value: (m) => number(m.lastSessions) },
        { label: `Failure rate ${year - 1}`, num: true, value: (m) => (m.lastRate === null ? '' : rateCell(m.lastRate)) },
        { label: `Sessions ${year}`, num: true, value: (m) => number(m.sessions) },
        { label: `Failure rate ${year}`, num: true, value: (m) => (m.rate === null ? '' : rateCell(m.rate)) },
      ], yoy)));

  drawDaily(dailyChart, summary, r);
  drawYearOverYear(yoyChart, yoy, year);
  if (resultTypes.length) {
    // one bar per policy type side by side, never stacked: they are the same sessions seen twice
    const keys = [...new Set(resultTypes.map((row) => row.key))];
    const types = [...new Set(resultTypes.map((row) => row.policyType))];
    const colours = ['#d0453a', '#f08a80', '#8e2a22'];
    resultChart.style.height = Math.min(420, 70 + 30 * keys.length * types.length) + 'px';
    chart(resultChart, {
      grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: keys },
      series: types.map((type, i) => ({
        name: type || 'failed sessions', type: 'bar', itemStyle: { color: colours[i % 3] },
        data: keys.map((key) => resultTypes.filter((row) => row.key === key && row.policyType === type)
          .reduce((sum, row) => sum + row.failedSessions, 0)),
      })),
    });
  } else {
    resultChart.remove();
  }
}

/** Two stacks per day and policy type: successful (green) under failed (red). */
function drawDaily(element, summary, r) {
  const days = daysBetween(r.from, r.to);
  const types = [...new Set([...(summary.policyTypes || []).map((p) => p.policyType), ...(summary.days || []).map((d) => d.policyType)])];
  const palette = { ok: ['#2e9d5b', '#7cc79a', '#1f6b3e'], bad: ['#d0453a', '#f08a80', '#8e2a22'] };
  const series = [];
  types.forEach((type, i) => {
    const pick = (field) => days.map((day) => (summary.days || [])
      .filter((d) => d.date === day && d.policyType === type)
      .reduce((sum, d) => sum + Number(d[field] || 0), 0));
    series.push({ name: `${type} successful`, type: 'bar', stack: type, data: pick('successfulSessions'), itemStyle: { color: palette.ok[i % 3] } });
    series.push({ name: `${type} failed`, type: 'bar', stack: type, data: pick('failedSessions'), itemStyle: { color: palette.bad[i % 3] } });
  });
  chart(element, {
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { type: 'scroll', top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', minInterval: 1 },
    series,
  });
}

/** The value of a breakdown dimension in a row, whether the API spells it resultType, result-type or result_type. */
function breakdownKey(row, by) {
  const camel = by.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  const value = first(row, camel, by, by.replace(/-/g, '_'));
  if (value !== undefined) return String(value);
  const other = Object.entries(row).find(([name, v]) => name !== 'failedSessions' && typeof v === 'string');
  return other ? other[1] : '';
}

function reportersTable(rows) {
  return table('reporters', [
    { label: 'Organization', cls: 'wrap', value: (row) => first(row, 'organization', 'organizationName', 'name') ?? '' },
    { label: 'Reports', num: true, value: (row) => number(first(row, 'reports', 'reportCount', 'reportsSeen')) },
    { label: 'Last report', value: (row) => String(first(row, 'lastReportAt', 'lastReport') ?? '').replace('T', ' ') },
    { label: 'Silent since', value: (row) => {
      const since = first(row, 'silentSince');
      return since ? h('span', { class: 'rate-bad' }, String(since)) : '';
    } },
  ], rows, 'No reporter in this range.');
}

function reportKey(row) {
  return first(row, 'key', 'reportKey', 'id');
}

function reportsTable(rows, r) {
  return table('reports', [
    { label: 'Start', value: (row) => String(first(row, 'startDatetime', 'start', 'date', 'day') ?? '').replace('T', ' ') },
    { label: 'Organization', cls: 'wrap', value: (row) => first(row, 'organization', 'organizationName') ?? '' },
    { label: 'Report id', cls: 'wrap', value: (row) => {
      const key = reportKey(row);
      const text = first(row, 'reportId') ?? key;
      const shown = key === undefined ? String(text ?? '') : h('a', { href: link('/report/' + encodeURIComponent(key), r), class: 'report-link' }, String(text));
      return row.identityConflict ? h('span', {}, shown, ' ', h('span', { class: 'badge conflict', title: 'Other contents arrived under this identity; one counts' }, 'identity-conflict')) : shown;
    } },
    { label: 'Received', cls: 'hide-narrow', value: (row) => String(first(row, 'receivedAt') ?? '').replace('T', ' ').replace(/\.\d+/, '') },
    { label: 'Channel', cls: 'hide-narrow', value: (row) => first(row, 'channel') ?? '' },
    { label: 'DKIM', cls: 'hide-narrow', value: (row) => first(row, 'dkim') ?? '' },
    { label: 'Findings', cls: 'wrap', value: (row) => (first(row, 'findingCodes') || []).join(', ') },
  ], rows, 'No report in this range.');
}

async function gunzipText(blob) {
  const stream = blob.stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

function prettyJson(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch (notJson) {
    return text;
  }
}

async function reportView(r, key) {
  const path = '/api/v1/reports/' + encodeURIComponent(key);
  const report = await api(path);
  const raw = await api(path + '/raw', { raw: true, headers: { Accept: '*/*' } });
  const mediaType = (raw.headers.get('Content-Type') || 'application/octet-stream').split(';')[0].trim();
  const blob = await raw.blob();
  const bytes = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  let rawText;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    rawText = prettyJson(await gunzipText(blob));
  } else if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    rawText = '(a zip archive; download it to see the files inside)';
  } else {
    rawText = prettyJson(await blob.text());
  }
  const download = h('a', { href: URL.createObjectURL(blob), download: `report-${key}.${mediaType.includes('gzip') ? 'json.gz' : 'json'}` }, 'Download the original bytes');

  const scalars = Object.entries(report).filter(([name, value]) => name !== 'report' && name !== 'findings' && name !== 'versions'
    && (value === null || typeof value !== 'object' || Array.isArray(value)))
    .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]);
  for (const part of ['envelope', 'dkim']) {
    const value = report[part];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [name, inner] of Object.entries(value)) scalars.push([part + '.' + name, inner]);
    }
  }
  const findings = rowsOf(report.findings);
  const canonical = first(report, 'report', 'canonical', 'canonicalReport');
  showView(
    h('p', {}, h('a', { href: '#/', onclick: (event) => { event.preventDefault(); history.back(); } }, '← Back')),
    h('h1', {}, 'Report ' + (first(report, 'reportId') ?? key)),
    h('div', { class: 'panel' }, h('dl', { class: 'kv', id: 'report-fields' },
      scalars.map(([name, value]) => [h('dt', {}, name), h('dd', {}, value === null || value === undefined ? '' : String(value))]))),
    report.identityConflict ? versionsPanel(report.versions || []) : null,
    findings.length ? h('div', { class: 'panel' }, h('h2', {}, 'Findings'), genericTable('findings', findings)) : null,
    h('div', { class: 'panel' }, h('h2', {}, 'Raw report'), h('p', { class: 'muted' }, mediaType, ' · ', download),
      h('pre', { class: 'json', id: 'raw-json' }, rawText)),
    h('div', { class: 'panel' }, h('h2', {}, canonical ? 'Canonical report' : 'As stored'),
      h('pre', { class: 'json', id: 'report-json' }, JSON.stringify(canonical || report, null, 2))));
}

// Every content that arrived under one identity, side by side; the counted one says so.
function versionsPanel(versions) {
  const column = (v) => h('div', { class: 'version' + (v.counted ? ' counted' : ''), id: 'version-' + v.version },
    h('h3', {}, 'Version ' + v.version + (v.counted ? ' · counted' : ' · not counted')),
    [
      h('dl', { class: 'kv' }, [
        ['received', String(v.receivedAt ?? '').replace('T', ' ').replace(/\.\d+/, '')],
        ['channel', v.channel], ['origin', v.origin],
        ['dkim', v.dkim ? [v.dkim.result, v.dkim.domain, v.dkim.aligned ? 'aligned' : 'not aligned'].filter(Boolean).join(', ') : ''],
        ['content sha256', v.contentSha256],
      ].map(([name, value]) => [h('dt', {}, name), h('dd', {}, value === null || value === undefined ? '' : String(value))])),
      genericTable('version-' + v.version + '-policies', v.policies || [], 'No policy results.'),
      h('pre', { class: 'json' }, v.report ? JSON.stringify(v.report, null, 2) : '(raw bytes expired)'),
    ]);
  return h('div', { class: 'panel', id: 'versions' },
    h('h2', {}, 'Identity conflict: ' + versions.length + ' versions'),
    h('p', { class: 'muted' }, 'The same organization, report id and date range arrived with different contents. '
      + 'Exactly one counts: DKIM-aligned mail before unauthenticated channels, then the first to arrive.'),
    h('div', { class: 'versions' }, versions.map(column)));
}

async function quarantineView() {
  const rows = rowsOf(await api('/api/v1/quarantine'));
  showView(
    h('h1', {}, 'Quarantine'),
    h('p', { class: 'muted' }, 'Input that could not be read as a report, with the reason and where it came from. The bytes are kept.'),
    h('div', { class: 'panel' }, genericTable('quarantine', rows, 'Nothing in quarantine.')));
}

// ---------- alerts: rules and webhooks ----------

// the settings each kind of rule takes (the alert API refuses the ones missing and ignores the others)
const RULE_KINDS = {
  'failure-rate': ['threshold', 'window', 'minSessions'],
  'new-result-type': ['window'],
  'reporter-silent': ['silentDays', 'baselineDays'],
  'failure-spike': ['factor', 'baselineDays', 'window', 'minFailures'],
  'certificate-expiring': ['expiryDays'],
  'check-failing': ['consecutiveFailures'],
  'weekly-digest': [],
};
const NUMERIC = new Set(['threshold', 'minSessions', 'silentDays', 'factor', 'baselineDays', 'minFailures',
  'expiryDays', 'consecutiveFailures']);
// The check kinds reuse the API's threshold and minFailures with another meaning (days left, consecutive runs), so
// they get fields of their own, labelled for what they mean, which fill those settings.
const API_SETTING = { expiryDays: 'threshold', consecutiveFailures: 'minFailures' };

/** A form whose fields fill a JSON body the user may still edit before it is posted. */
function jsonForm(id, fields, bodyOf, onSubmit) {
  const body = h('textarea', { name: 'body', spellcheck: 'false', rows: 8 });
  const form = h('form', { class: 'stack', id }, fields, h('label', { class: 'wide' }, 'Request body (JSON)', body),
    h('div', {}, h('button', { type: 'submit' }, 'Create')));
  const refresh = () => { body.value = JSON.stringify(bodyOf(form), null, 2); };
  form.addEventListener('input', (event) => { if (event.target !== body) refresh(); });
  form.addEventListener('change', (event) => { if (event.target !== body) refresh(); });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let parsed;
    try {
      parsed = JSON.parse(body.value);
    } catch (error) {
      showMessage('The request body is not valid JSON: ' + error.message);
      return;
    }
    try {
      if (await onSubmit(parsed) !== 'shown') showMessage('Created.', 'info');
    } catch (error) {
      failed(error);
    }
  });
  refresh();
  return form;
}

function field(label, name, attrs) {
  return h('label', {}, label, h('input', Object.assign({ name }, attrs || {})));
}

function numberOrUndefined(value) {
  return value === '' || value === undefined ? undefined : Number(value);
}

async function alertsView() {
  const [rules, webhooks] = await Promise.all([api('/api/v1/alert-rules'), api('/api/v1/webhooks')]);
  const ruleRows = rowsOf(rules);
  const hookRows = rowsOf(webhooks);
  const reload = () => render().catch(failed);
  const remove = (path) => async () => {
    if (!confirm('Delete ' + path + '?')) return;
    try {
      await api(path, { method: 'DELETE' });
      reload();
    } catch (error) {
      failed(error);
    }
  };
  const withDelete = (rows, base) => table(base.replace(/\W/g, '-').replace(/^-+/, ''),
    [...columnsOf(rows), { label: '', value: (row) => h('button', { type: 'button', class: 'danger', onclick: remove(base + '/' + encodeURIComponent(row.id)) }, 'Delete') }],
    rows, 'None yet.');

  const kind = h('select', { name: 'kind' }, Object.keys(RULE_KINDS).map((k) => h('option', { value: k }, k)));
  const paramFields = [
    field('Failure rate above (0–1)', 'threshold', { type: 'number', step: '0.01', min: '0', max: '1', value: '0.05' }),
    field('Window (e.g. 24h, 7d)', 'window', { value: '1d' }),
    field('At least sessions', 'minSessions', { type: 'number', min: '1', value: '1' }),
    field('Silent for (days)', 'silentDays', { type: 'number', min: '1', max: '365', value: '2' }),
    field('Factor over baseline (k)', 'factor', { type: 'number', step: '0.1', min: '1', value: '3' }),
    field('Baseline (days)', 'baselineDays', { type: 'number', min: '1', value: '28' }),
    field('At least failures', 'minFailures', { type: 'number', min: '1', value: '1' }),
    field('Days before expiry', 'expiryDays', { type: 'number', min: '0', max: '366', value: '14' }),
    field('Consecutive failing checks', 'consecutiveFailures', { type: 'number', min: '1', max: '100', value: '2' }),
  ];
  // only the settings the chosen kind of rule has
  const showParams = () => paramFields.forEach((label) => {
    label.hidden = !RULE_KINDS[kind.value].includes(label.querySelector('input').name);
  });
  kind.addEventListener('change', showParams);
  showParams();
  const hooks = h('select', { name: 'webhookIds', multiple: true, size: Math.min(4, Math.max(2, hookRows.length)) },
    hookRows.map((w, i) => h('option', { value: String(w.id), selected: i === 0 }, String(w.name || w.url || w.id))));
  const ruleForm = jsonForm('rule-form', [
    field('Name', 'name', { placeholder: 'example.com failing', required: true }),
    h('label', {}, 'Kind', kind),
    field('Domain (empty: all of the token\'s)', 'domain', { placeholder: 'example.com' }),
    paramFields,
    h('label', {}, 'Webhooks', hooks),
  ], (form) => {
    const data = new FormData(form);
    const rule = { name: data.get('name'), kind: data.get('kind') };
    if (data.get('domain')) rule.domain = data.get('domain');
    for (const name of RULE_KINDS[rule.kind]) {
      const value = data.get(name);
      if (value !== null && value !== '') rule[API_SETTING[name] || name] = NUMERIC.has(name) ? Number(value) : value;
    }
    rule.webhookIds = data.getAll('webhookIds');
    return rule;
  }, async (body) => { await api('/api/v1/alert-rules', jsonPost(body)); reload(); });

  const hookForm = jsonForm('webhook-form', [
    field('Name', 'name', { placeholder: 'postmaster pager', required: true }),
    field('URL', 'url', { type: 'url', placeholder: 'https://hooks.example/…', required: true }),
    h('label', {}, 'Body format', h('select', { name: 'format' }, ['json', 'slack', 'teams'].map((f) => h('option', { value: f }, f)))),
    field('Signing secret (empty: generated)', 'secret', { type: 'password', autocomplete: 'new-password' }),
  ], (form) => {
    const data = new FormData(form);
    const hook = { name: data.get('name') || undefined, url: data.get('url'), format: data.get('format') };
    if (data.get('secret')) hook.secret = data.get('secret');
    return hook;
  }, async (body) => {
    const created = await api('/api/v1/webhooks', jsonPost(body));
    await render();
    // the API shows a webhook's secret in the answer to its creation only
    if (created && created.secret) {
      showMessage('Webhook created. Its HMAC-SHA256 signing secret, shown this once: ' + created.secret, 'info');
      return 'shown';
    }
    return undefined;
  });

  showView(
    h('h1', {}, 'Alerts'),
    h('div', { class: 'panel' }, h('h2', {}, 'Alert rules'), withDelete(ruleRows, '/api/v1/alert-rules')),
    h('div', { class: 'panel' }, h('h2', {}, 'New rule'), ruleForm),
    h('div', { class: 'panel' }, h('h2', {}, 'Webhooks'), withDelete(hookRows, '/api/v1/webhooks'), h('div', { id: 'deliveries' })),
    h('div', { class: 'panel' }, h('h2', {}, 'New webhook'), hookForm));
}

function jsonPost(body) {
  return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

function columnsOf(rows) {
  const keys = [];
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      if (!keys.includes(key) && key !== 'secret' && (value === null || typeof value !== 'object' || Array.isArray(value))) keys.push(key);
    }
  }
  return keys.map((key) => ({
    label: key, cls: 'wrap',
    value: (row) => (Array.isArray(row[key]) ? row[key].join(', ') : row[key] === null || row[key] === undefined ? '' : String(row[key])),
  }));
}

// ---------- router ----------

let render = async () => {};

async function show() {
  if (!token()) {
    showLogin();
    return;
  }
  document.getElementById('login').hidden = true;
  document.getElementById('logout').hidden = false;
  showMessage('');
  disposeCharts();
  const r = route();
  const rangeForm = document.getElementById('range');
  rangeForm.from.value = r.from;
  rangeForm.to.value = r.to;
  const [page, arg] = r.parts;
  document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active',
    a.dataset.nav === (page === 'quarantine' || page === 'alerts' ? page : 'domains')));
  view().replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  render = async () => {
    if (!page) return domainsView(r);
    if (page === 'domain' && arg) return domainView(r, arg);
    if (page === 'report' && arg) return reportView(r, arg);
    if (page === 'quarantine') return quarantineView();
    if (page === 'alerts') return alertsView();
    view().replaceChildren(h('p', {}, 'No such page. ', h('a', { href: '#/' }, 'Domains')));
  };
  try {
    await render();
    document.body.dataset.loaded = location.hash || '#/';
    performance.mark('tlsrpt-rendered');
  } catch (error) {
    view().replaceChildren();
    failed(error);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    const value = form.token.value.trim();
    if (!value) return;
    (form.remember.checked ? localStorage : sessionStorage).setItem(TOKEN_KEY, value);
    form.reset();
    show();
  });
  document.getElementById('logout').addEventListener('click', () => {
    forgetToken();
    showLogin('Signed out.');
  });
  document.getElementById('range').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    const hash = (location.hash.replace(/^#/, '') || '/').split('?')[0];
    location.hash = '#' + hash + '?from=' + form.from.value + '&to=' + form.to.value;
  });
  window.addEventListener('hashchange', show);
  show();
});
