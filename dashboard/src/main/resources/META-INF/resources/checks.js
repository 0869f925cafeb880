// tlsrpt dashboard: the live checks beside the reports (docs/diagnosis.md). Uses app.js's helpers (h, api, table);
// everything from a check is put in the page as text: MX names and details come from the domain's owner.
'use strict';

/** "in 5 days", "2 days ago" from the certificate-expiry facts. */
function daysLeftText(facts) {
  if (!facts || facts.daysLeft === undefined) return '';
  const days = Number(facts.daysLeft);
  return days < 0 ? `expired ${-days} days ago` : `${days} days left`;
}

function resultCell(result) {
  if (!result) return h('span', { class: 'muted' }, '—');
  const ok = result.resultType === 'ok';
  return h('span', { class: ok ? 'rate-ok' : 'rate-bad', title: result.detail || '' },
    ok ? 'ok' : result.resultType);
}

/**
 * The "Now" panel of a domain: its newest check, one row per MX (STARTTLS, certificate and days left, DANE, policy
 * match), filled when the check arrives. A domain never checked says so.
 */
function nowPanel(domain) {
  const body = h('div', { id: 'now-body' }, h('p', { class: 'muted' }, 'Loading the newest check…'));
  const panel = h('div', { class: 'panel', id: 'now-panel' }, h('h2', {}, 'Now'), body);
  api('/api/v1/domains/' + encodeURIComponent(domain) + '/checks')
    .then((answer) => {
      const check = (answer && answer.checks && answer.checks[0]) || null;
      if (!check) {
        body.replaceChildren(h('p', { class: 'empty' }, 'Not checked yet: the scheduled checks will get to it.'));
        return;
      }
      const results = check.results || [];
      const of = (name, target) => results.find((r) => r.check === name && r.target === target);
      const mxs = [...new Set(results.filter((r) => r.check === 'starttls').map((r) => r.target))];
      const domainWide = results.filter((r) => ['tlsrpt-record', 'sts-record', 'sts-policy', 'mx'].includes(r.check));
      body.replaceChildren(
        h('p', { class: 'muted', id: 'now-checked' }, 'Checked ' + String(check.checkedAt || '').replace('T', ' ')
          .replace(/\.\d+/, '') + (check.ok ? ' — all ok' : ' — some checks fail')),
        table('now-domain', [
          { label: 'Check', value: (r) => r.check },
          { label: 'Result', value: (r) => resultCell(r) },
          { label: 'Detail', cls: 'wrap', value: (r) => r.detail || '' },
        ], domainWide, ''),
        table('now-mx', [
          { label: 'MX', cls: 'wrap', value: (mx) => mx },
          { label: 'STARTTLS', value: (mx) => resultCell(of('starttls', mx)) },
          { label: 'Certificate', value: (mx) => {
            const trust = of('certificate-trust', mx);
            const name = of('certificate-name', mx);
            const bad = [trust, name].find((r) => r && r.resultType !== 'ok');
            return resultCell(bad || trust || name);
          } },
          { label: 'Expiry', value: (mx) => {
            const expiry = of('certificate-expiry', mx);
            return expiry ? h('span', {}, resultCell(expiry), ' ', daysLeftText(expiry.facts)) : resultCell(null);
          } },
          { label: 'DANE', value: (mx) => resultCell(of('dane', mx)) },
          { label: 'Policy match', value: (mx) => resultCell(of('sts-mx-match', mx)) },
        ], mxs, 'No MX host was probed.'));
    })
    .catch((error) => {
      if (error instanceof ApiError && error.status === 401) return;
      body.replaceChildren(h('p', { class: 'muted' }, 'The checks could not be loaded: ' + (error.message || error)));
    });
  return panel;
}

const VERDICT_WORDS = {
  fixed: 'fixed',
  'still-failing': 'still failing',
  'not-reproduced': 'not reproduced from here',
  unknown: 'not checked',
};

/** Beside the failures by result type: what the checks say of each (result type, receiving MX), in plain words. */
function diagnosisTable(domain, r) {
  const holder = h('div', { id: 'diagnosis' });
  api('/api/v1/domains/' + encodeURIComponent(domain) + '/diagnosis?' + rangeQuery(r))
    .then((answer) => {
      const rows = (answer && answer.failures) || [];
      if (!rows.length) return;
      holder.replaceChildren(h('h3', {}, 'Now, according to the checks'), table('diagnosis-table', [
        { label: 'Result type', cls: 'wrap', value: (row) => row.resultType },
        { label: 'MX', cls: 'wrap', value: (row) => row.receivingMx || '' },
        { label: 'Verdict', value: (row) => h('span', {
          class: row.verdict === 'still-failing' ? 'rate-bad' : row.verdict === 'fixed' ? 'rate-ok' : 'muted',
          'data-verdict': row.verdict }, VERDICT_WORDS[row.verdict] || row.verdict) },
        { label: 'In words', cls: 'wrap', value: (row) => row.explanation || '' },
      ], rows, ''));
    })
    .catch((error) => {
      if (error instanceof ApiError && error.status === 401) return;
      holder.replaceChildren(h('p', { class: 'muted' }, 'No diagnosis: ' + (error.message || error)));
    });
  return holder;
}

/**
 * For the domains overview: one request for the newest check of every domain; cell(domain) is a span that says
 * "checks fail" (the failing result types in its title) for a domain whose newest check is not all ok, "ok" for one
 * whose is, nothing for a domain never checked.
 */
function checkFlags() {
  const cells = new Map();
  let statuses = null;
  const fill = (domain, cell) => {
    const status = statuses && statuses.get(domain);
    if (!status) return;
    cell.replaceChildren(status.failing && status.failing.length
      ? h('span', { class: 'rate-bad check-flag', title: [...new Set(status.failing)].join(', ') }, 'checks fail')
      : h('span', { class: 'rate-ok' }, 'ok'));
  };
  api('/api/v1/checks?limit=1000').then((answer) => {
    statuses = new Map((answer || []).map((status) => [status.domain, status]));
    cells.forEach((cell, domain) => fill(domain, cell));
  }).catch(() => {});
  return (domain) => {
    const cell = h('span', { class: 'now-cell', 'data-domain': domain });
    cells.set(domain, cell);
    fill(domain, cell);
    return cell;
  };
}
