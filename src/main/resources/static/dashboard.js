// The operations dashboard: plain JavaScript over the admin API, charts drawn as inline SVG, live progress of a
// run through server-sent events. Nothing is loaded from outside the application.
(function () {
  'use strict';
  const $ = (selector) => document.querySelector(selector);
  const SVG = 'http://www.w3.org/2000/svg';
  const PALETTE = ['#0f6f5c', '#e07a1f', '#3a6ea5', '#b3261e', '#7b5ea7', '#5d8a2f', '#c2a000', '#8c564b'];
  const LIVE = ['STARTING', 'STARTED', 'STOPPING'];
  const vnd = new Intl.NumberFormat('vi-VN');
  const state = {jobs: [], selected: null, source: null, stepsTotal: {}};

  const csrf = () => decodeURIComponent((document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')) || '').slice(11));

  async function api(path, options = {}) {
    const response = await fetch(path, {
      credentials: 'same-origin',
      ...options,
      headers: {'Accept': 'application/json', 'X-XSRF-TOKEN': csrf(), ...(options.body ? {'Content-Type': 'application/json'} : {})}
    });
    if (response.status === 401) {
      location.href = '/login.html';
      throw new Error('signed out');
    }
    const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
    if (!response.ok) {
      throw new Error(body && body.detail ? body.detail : response.status + ' ' + response.statusText);
    }
    return body;
  }

  function notice(text, error) {
    const element = $('#notice');
    element.textContent = text;
    element.className = 'message' + (error ? ' error' : '');
    element.hidden = !text;
  }

  function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    Object.entries(attributes).forEach(([key, value]) => {
      if (key === 'onclick') element.addEventListener('click', value);
      else if (value !== null && value !== undefined) element.setAttribute(key, value);
    });
    children.flat().forEach(child => element.append(child instanceof Node ? child : document.createTextNode(child ?? '')));
    return element;
  }

  function status(text) {
    return el('span', {class: 'status ' + (text || '')}, text || '—');
  }

  function time(text) {
    return text ? text.replace('T', ' ').slice(0, 19) : '';
  }

  function duration(ms) {
    if (ms === null || ms === undefined) return '';
    const seconds = Math.round(ms / 1000);
    return seconds < 60 ? seconds + ' s' : Math.floor(seconds / 60) + ' min ' + (seconds % 60) + ' s';
  }

  async function act(label, path, options) {
    try {
      const result = await api(path, {method: 'POST', ...options});
      notice(label + ' accepted.');
      return result;
    } catch (error) {
      notice(label + ' refused: ' + error.message, true);
      return null;
    }
  }

  async function loadMe() {
    const me = await api('/api/v1/me');
    $('#who').textContent = me.name + ' (' + me.roles.join(', ') + ')';
    document.body.classList.toggle('operator-role', me.roles.includes('OPERATOR'));
  }

  async function loadJobs() {
    state.jobs = await api('/api/v1/jobs');
    const body = $('#jobs tbody');
    body.replaceChildren(...state.jobs.map(job => {
      state.stepsTotal[job.name] = job.steps.length;
      const schedule = job.schedule;
      const last = job.lastExecution;
      const sources = el('input', {id: 'launch-sources-' + job.name, placeholder: 'sources (all)', title: 'sources, e.g. vnmarket'});
      const date = el('input', {id: 'launch-date-' + job.name, placeholder: 'logical date', title: 'logical_date YYYY-MM-DD'});
      const launch = el('button', {id: 'launch-' + job.name, onclick: async () => {
        const parameters = {};
        if (sources.value.trim()) parameters.sources = sources.value.trim();
        if (date.value.trim()) parameters.logical_date = date.value.trim();
        const launched = await act('Launch of ' + job.name, '/api/v1/jobs/' + job.name + '/executions', {body: JSON.stringify(parameters)});
        if (launched) {
          await refresh();
          select(launched.executionId);
        }
      }}, 'Launch');
      const pause = schedule ? el('button', {class: 'secondary', id: (schedule.paused ? 'resume-' : 'pause-') + job.name, onclick: async () => {
        await act((schedule.paused ? 'Resume' : 'Pause') + ' of ' + job.name, '/api/v1/jobs/' + job.name + '/schedule/' + (schedule.paused ? 'resume' : 'pause'));
        loadJobs();
      }}, schedule.paused ? 'Resume schedule' : 'Pause schedule') : '';
      return el('tr', {id: 'job-' + job.name},
        el('td', {}, el('strong', {}, job.name), el('div', {class: 'muted'}, job.description || '')),
        el('td', {}, schedule ? schedule.cron + ' ' + schedule.zone + (schedule.paused ? ' (paused)' : '') : 'manual'),
        el('td', {}, schedule && !schedule.paused ? time(schedule.nextFireTime) : '—'),
        el('td', {}, last ? [status(last.status), ' #' + last.id + ' ' + time(last.startTime)] : 'never'),
        el('td', {class: 'operator launch'}, sources, date, launch, ' ', pause));
    }));
  }

  async function loadExecutions() {
    const page = await api('/api/v1/executions?size=12');
    $('#executions tbody').replaceChildren(...page.content.map(execution => el('tr', {
      id: 'execution-' + execution.id, class: execution.id === state.selected ? 'selected' : null,
      onclick: () => select(execution.id)
    }, el('td', {}, String(execution.id)), el('td', {}, execution.job), el('td', {}, execution.runId || ''),
      el('td', {}, status(execution.status)), el('td', {}, time(execution.startTime)), el('td', {}, duration(execution.durationMs)))));
    if (state.selected === null && page.content.length) select(page.content[0].id);
  }

  function select(id) {
    state.selected = id;
    document.querySelectorAll('#executions tbody tr').forEach(row => row.classList.toggle('selected', row.id === 'execution-' + id));
    if (state.source) state.source.close();
    $('#run').hidden = false;
    const source = new EventSource('/api/v1/executions/' + id + '/events');
    source.addEventListener('execution', (event) => renderRun(JSON.parse(event.data)));
    source.onerror = () => source.close();
    state.source = source;
  }

  function renderRun(run) {
    if (run.id !== state.selected) return;
    $('#run-id').textContent = '#' + run.id;
    $('#run-status').replaceWith(Object.assign(status(run.status), {id: 'run-status'}));
    $('#run-caption').textContent = run.job + ' · run_id ' + (run.runId || '') + ' · started ' + time(run.startTime)
      + (run.endTime ? ' · ended ' + time(run.endTime) : '') + ' · ' + duration(run.durationMs);
    const total = state.stepsTotal[run.job] || run.steps.length || 1;
    const done = run.steps.filter(s => s.status === 'COMPLETED').length;
    $('#run-progress').style.width = Math.round(100 * Math.min(done, total) / total) + '%';
    $('#run-progress-text').textContent = done + ' of ' + total + ' steps completed in this execution';
    $('#steps tbody').replaceChildren(...run.steps.map(step => el('tr', {id: 'step-' + step.name},
      el('td', {}, step.name), el('td', {}, status(step.status)),
      ...[step.readCount, step.writeCount, step.filterCount, step.skipCount, step.commitCount, step.rollbackCount]
        .map(n => el('td', {class: 'num'}, vnd.format(n))),
      el('td', {class: 'num'}, duration(step.durationMs)))));
    const failed = run.steps.filter(s => s.status === 'FAILED').map(s => s.name + ': ' + (s.exitMessage || '').split('\n')[0]);
    $('#run-exit').textContent = failed.join('\n');
    const live = LIVE.includes(run.status);
    $('#stop-button').hidden = !live;
    $('#restart-button').hidden = !(run.status === 'FAILED' || run.status === 'STOPPED');
    $('#abandon-button').hidden = !(run.status === 'FAILED' || run.status === 'STOPPED');
    if (!live) refresh();
  }

  async function loadQuality() {
    const quality = await api('/api/v1/quality/latest');
    $('#quality').replaceChildren(...quality.latest.map(score => el('div', {class: 'card ' + (score.score >= 0.95 ? 'good' : 'bad'), id: 'quality-' + score.stage},
      el('div', {class: 'value'}, Number(score.score).toFixed(3)),
      el('div', {class: 'label'}, score.stage + ' score · ' + score.failed + ' of ' + score.checks + ' checks failed · ' + score.runId))));
    if (!quality.latest.length) $('#quality').append(el('p', {class: 'muted'}, 'No quality results yet: run dss_etl.'));
    $('#checks tbody').replaceChildren(...quality.latestFinalChecks.map(check => el('tr', {},
      el('td', {}, check.rule), el('td', {}, check.target), el('td', {class: 'num'}, check.failed + ' / ' + check.checked),
      el('td', {class: 'num'}, Number(check.ratio).toFixed(4)), el('td', {}, status(check.passed ? 'COMPLETED' : 'FAILED')))));
    const recent = quality.recentFinal.slice().reverse();
    bars($('#chart-quality'), recent.map(s => s.runId), [{name: 'final score', values: recent.map(s => Number(s.score))}], {max: 1, format: v => v.toFixed(2)});
  }

  async function loadKpis() {
    const kpis = await api('/api/v1/kpis/sales');
    const h = kpis.headline;
    $('#kpis').replaceChildren(
      card('kpi-revenue', vnd.format(h.revenueVnd) + ' ₫', 'revenue'),
      card('kpi-orders', vnd.format(h.orders), 'orders'),
      card('kpi-units', vnd.format(h.units), 'units sold'),
      card('kpi-customers', vnd.format(h.customers), 'buying customers'),
      card('kpi-aov', vnd.format(h.avgOrderValueVnd) + ' ₫', 'average order value'));
    monthly($('#chart-platform'), $('#legend-platform'), kpis.byPlatform);
    monthly($('#chart-region'), $('#legend-region'), kpis.byRegion);
    horizontalBars($('#chart-products'), kpis.topProducts);
  }

  function card(id, value, label) {
    return el('div', {class: 'card', id}, el('div', {class: 'value'}, value), el('div', {class: 'label'}, label));
  }

  function monthly(svg, legend, rows) {
    const months = [...new Set(rows.map(r => r.month))].sort();
    const names = [...new Set(rows.map(r => r.series))].sort();
    const series = names.map(name => ({name, values: months.map(m => Number((rows.find(r => r.month === m && r.series === name) || {}).revenueVnd || 0))}));
    bars(svg, months.map(m => m.slice(2, 7)), series, {stacked: true, format: compact});
    legend.replaceChildren(...names.map((name, i) => el('span', {}, el('i', {style: 'background:' + PALETTE[i % PALETTE.length]}), name)));
  }

  function compact(value) {
    if (value >= 1e9) return (value / 1e9).toFixed(1) + 'B';
    if (value >= 1e6) return (value / 1e6).toFixed(1) + 'M';
    if (value >= 1e3) return (value / 1e3).toFixed(0) + 'k';
    return String(Math.round(value * 100) / 100);
  }

  function svgEl(tag, attributes, text) {
    const element = document.createElementNS(SVG, tag);
    Object.entries(attributes).forEach(([k, v]) => element.setAttribute(k, v));
    if (text !== undefined) element.textContent = text;
    return element;
  }

  // Vertical bars, one group per label, stacked or side by side, with a value axis starting at zero.
  function bars(svg, labels, series, options) {
    const [, , width, height] = svg.getAttribute('viewBox').split(' ').map(Number);
    const left = 48, bottom = 22, top = 8, plotWidth = width - left - 8, plotHeight = height - top - bottom;
    svg.replaceChildren();
    if (!labels.length) {
      svg.append(svgEl('text', {x: width / 2, y: height / 2, 'text-anchor': 'middle'}, 'no data yet'));
      return;
    }
    const totals = labels.map((_, i) => options.stacked ? series.reduce((s, x) => s + x.values[i], 0) : Math.max(...series.map(x => x.values[i])));
    const max = options.max || Math.max(...totals, 1);
    for (let t = 0; t <= 4; t++) {
      const y = top + plotHeight - plotHeight * t / 4;
      svg.append(svgEl('line', {x1: left, x2: width - 8, y1: y, y2: y, class: 'axis'}));
      svg.append(svgEl('text', {x: left - 4, y: y + 3, 'text-anchor': 'end'}, options.format(max * t / 4)));
    }
    const slot = plotWidth / labels.length;
    const barWidth = options.stacked ? slot * 0.7 : slot * 0.7 / series.length;
    labels.forEach((label, i) => {
      let base = 0;
      series.forEach((s, j) => {
        const value = s.values[i];
        const h = plotHeight * value / max;
        const x = left + slot * i + slot * 0.15 + (options.stacked ? 0 : j * barWidth);
        const y = top + plotHeight - h - (options.stacked ? plotHeight * base / max : 0);
        const rect = svgEl('rect', {x, y, width: Math.max(barWidth - 1, 1), height: Math.max(h, 0), fill: PALETTE[j % PALETTE.length], class: 'bar'});
        rect.append(svgEl('title', {}, s.name + ' · ' + label + ': ' + options.format(value)));
        svg.append(rect);
        if (options.stacked) base += value;
      });
      if (labels.length <= 14 || i % 2 === 0) {
        svg.append(svgEl('text', {x: left + slot * i + slot / 2, y: height - 6, 'text-anchor': 'middle'}, label.length > 8 ? label.slice(-8) : label));
      }
    });
  }

  function horizontalBars(svg, products) {
    const [, , width] = svg.getAttribute('viewBox').split(' ').map(Number);
    svg.replaceChildren();
    if (!products.length) {
      svg.append(svgEl('text', {x: width / 2, y: 40, 'text-anchor': 'middle'}, 'no sales yet'));
      return;
    }
    const max = Math.max(...products.map(p => Number(p.revenueVnd)));
    const labelWidth = 340, row = 28;
    products.forEach((product, i) => {
      const y = 6 + i * row;
      const w = (width - labelWidth - 120) * Number(product.revenueVnd) / max;
      svg.append(svgEl('text', {x: labelWidth - 8, y: y + 15, 'text-anchor': 'end'}, (product.title || product.productId).slice(0, 52)));
      const rect = svgEl('rect', {x: labelWidth, y, width: Math.max(w, 1), height: row - 8, fill: PALETTE[0], class: 'bar'});
      rect.append(svgEl('title', {}, product.title + ': ' + vnd.format(product.revenueVnd) + ' ₫, ' + product.units + ' units'));
      svg.append(rect);
      svg.append(svgEl('text', {x: labelWidth + w + 6, y: y + 15}, compact(Number(product.revenueVnd)) + ' ₫'));
    });
  }

  // One row per report and period, with a download link per format (the API lists one entry per file).
  async function loadReports() {
    const files = await api('/api/v1/reports?limit=200');
    const periods = new Map();
    files.forEach(file => {
      const key = file.report + '-' + file.periodKind + '-' + file.periodLabel;
      if (!periods.has(key)) periods.set(key, {key, first: file, files: []});
      periods.get(key).files.push(file);
    });
    const day = (text) => text.split('-').reverse().join('/');
    $('#reports tbody').replaceChildren(...[...periods.values()].map(period => el('tr', {id: 'report-' + period.key},
      el('td', {}, period.first.report),
      el('td', {}, period.first.periodKind + ' ' + period.first.periodLabel),
      el('td', {}, day(period.first.periodStart) + ' – ' + day(period.first.periodEnd)),
      el('td', {}, time(period.first.createdAt)),
      el('td', {}, period.first.runId),
      el('td', {}, ...period.files.map(file => el('a', {href: file.download, class: 'report-link', download: file.fileName,
        title: vnd.format(file.bytes) + ' bytes'}, file.format.toUpperCase()))))));
    if (!periods.size) {
      $('#reports tbody').append(el('tr', {}, el('td', {colspan: 6, class: 'muted'}, 'No reports yet: run a business_reports_* job.')));
    }
  }

  async function refresh() {
    try {
      await Promise.all([loadJobs(), loadExecutions(), loadQuality(), loadKpis(), loadReports()]);
    } catch (error) {
      notice('Could not refresh: ' + error.message, true);
    }
  }

  $('#stop-button').addEventListener('click', () => act('Stop of #' + state.selected, '/api/v1/executions/' + state.selected + '/stop'));
  $('#restart-button').addEventListener('click', async () => {
    const restarted = await act('Restart of #' + state.selected, '/api/v1/executions/' + state.selected + '/restart');
    if (restarted) {
      await loadExecutions();
      select(restarted.id);
    }
  });
  $('#abandon-button').addEventListener('click', async () => {
    await act('Abandon of #' + state.selected, '/api/v1/executions/' + state.selected + '/abandon');
    select(state.selected);
  });
  $('#sign-out').addEventListener('click', async () => {
    await fetch('/logout', {method: 'POST', credentials: 'same-origin', headers: {'X-XSRF-TOKEN': csrf()}});
    location.href = '/login.html?signed-out';
  });

  loadMe().then(refresh);
  setInterval(() => { loadJobs().catch(() => {}); loadExecutions().catch(() => {}); }, 10000);
})();
