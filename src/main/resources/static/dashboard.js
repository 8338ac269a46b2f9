// The operations dashboard: plain JavaScript over the admin API, charts drawn as inline SVG, live progress of a
// run over a WebSocket. Nothing is loaded from outside the application.
(function () {
  'use strict';
  const $ = (selector) => document.querySelector(selector);
  const SVG = 'http://www.w3.org/2000/svg';
  const PALETTE = ['#0f6f5c', '#e07a1f', '#3a6ea5', '#b3261e', '#7b5ea7', '#5d8a2f', '#c2a000', '#8c564b'];
  const LIVE = ['STARTING', 'STARTED', 'STOPPING'];
  const vnd = new Intl.NumberFormat('vi-VN');
  const state = {jobs: [], selected: null, source: null, stepsTotal: {}, backfill: null, logStep: null, run: null};

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
        el('td', {class: 'operator launch'}, el('div', {}, sources, date, launch, ' ', pause), backfillForm(job.name)));
    }));
  }

  // One run per logical date from 'from' to 'to'; the same range again skips completed dates and restarts failed ones.
  function backfillForm(job) {
    const from = el('input', {id: 'backfill-from-' + job, placeholder: 'from', title: 'first logical date YYYY-MM-DD'});
    const to = el('input', {id: 'backfill-to-' + job, placeholder: 'to', title: 'last logical date YYYY-MM-DD'});
    const concurrency = el('input', {id: 'backfill-concurrency-' + job, class: 'narrow', placeholder: '1', title: 'dates at once (1 unless the job is date-partitioned)'});
    const start = el('button', {class: 'secondary', id: 'backfill-' + job, onclick: async () => {
      const request = {from: from.value.trim(), to: to.value.trim()};
      if (concurrency.value.trim()) request.concurrency = concurrency.value.trim();
      const started = await act('Backfill of ' + job, '/api/v1/jobs/' + job + '/backfill', {body: JSON.stringify(request)});
      if (started) followBackfill(job, started.id);
    }}, 'Backfill');
    return el('div', {class: 'backfill-form'}, from, to, concurrency, start);
  }

  function followBackfill(job, id) {
    state.backfill = {job, id};
    showBackfill();
  }

  async function showBackfill() {
    if (!state.backfill) return;
    const {job, id} = state.backfill;
    const backfill = await api('/api/v1/jobs/' + job + '/backfill/' + id);
    if (!state.backfill || state.backfill.id !== id) return;
    $('#backfill').hidden = false;
    $('#backfill-id').textContent = '#' + backfill.id + ' of ' + backfill.job;
    $('#backfill-state').replaceWith(Object.assign(status(backfill.state), {id: 'backfill-state'}));
    $('#backfill-caption').textContent = backfill.from + ' to ' + backfill.to + ' · ' + backfill.concurrency + ' at a time · '
      + Object.entries(backfill.counts).map(([s, n]) => n + ' ' + s).join(', ');
    $('#backfill-dates tbody').replaceChildren(...backfill.dates.map(date => el('tr', {id: 'backfill-date-' + date.logicalDate},
      el('td', {}, date.logicalDate), el('td', {}, date.runId), el('td', {}, date.executionId ? '#' + date.executionId : ''),
      el('td', {}, status(date.status || 'NONE')), el('td', {class: 'num'}, String(date.executions)))));
    if (backfill.state === 'RUNNING') setTimeout(() => showBackfill().catch(() => {}), 2000);
    else loadExecutions().catch(() => {});
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
    // The run's progress over a WebSocket: its detail every second while it runs, then the server closes.
    const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host
      + '/ws/executions?execution=' + id);
    socket.onmessage = (event) => renderRun(JSON.parse(event.data));
    state.source = socket;
  }

  function renderRun(run) {
    if (run.id !== state.selected) return;
    $('#run-id').textContent = '#' + run.id;
    $('#run-status').replaceWith(Object.assign(status(run.status), {id: 'run-status'}));
    $('#run-caption').textContent = run.job + ' · run_id ' + (run.runId || '') + ' · started ' + time(run.startTime)
      + (run.endTime ? ' · ended ' + time(run.endTime) : '') + ' · ' + duration(run.durationMs)
      + (run.retries ? ' · ' + run.retries + (run.retries === 1 ? ' retry' : ' retries') : '');
    const total = state.stepsTotal[run.job] || run.steps.length || 1;
    const done = new Set(run.steps.filter(s => s.status === 'COMPLETED').map(s => s.name)).size;
    $('#run-progress').style.width = Math.round(100 * Math.min(done, total) / total) + '%';
    $('#run-progress-text').textContent = done + ' of ' + total + ' steps completed in this execution';
    // A retried step has a row per attempt; a failed attempt that was retried is ABANDONED, its exit code FAILED.
    $('#steps tbody').replaceChildren(...run.steps.map(step => el('tr', {id: 'step-' + step.name + (step.attempt > 1 ? '-attempt-' + step.attempt : ''), onclick: () => showLog(step.name)},
      el('td', {}, step.name), el('td', {class: 'num'}, String(step.attempt)),
      el('td', {}, status(step.status), step.status === 'ABANDONED' ? ' retried after ' + step.exitCode : ''),
      ...[step.readCount, step.writeCount, step.filterCount, step.skipCount, step.commitCount, step.rollbackCount]
        .map(n => el('td', {class: 'num'}, vnd.format(n))),
      el('td', {class: 'num'}, duration(step.durationMs)))));
    const failed = run.steps.filter(s => s.status === 'FAILED').map(s => s.name + ': ' + (s.exitMessage || '').split('\n')[0]);
    $('#run-exit').textContent = failed.join('\n');
    const live = LIVE.includes(run.status);
    const ended = state.run && state.run.id === run.id && LIVE.includes(state.run.status) && !live;
    state.run = run;
    drawDag(run);
    drawGantt(run);
    if (ended && state.logStep) showLog(state.logStep);
    $('#stop-button').hidden = !live;
    $('#restart-button').hidden = !(run.status === 'FAILED' || run.status === 'STOPPED');
    $('#abandon-button').hidden = !(run.status === 'FAILED' || run.status === 'STOPPED');
    if (ended) refresh();
  }

  // The latest step execution of each step name in the run (a retried step has one per attempt).
  function latestSteps(run) {
    const byName = {};
    run.steps.forEach(step => { if (!byName[step.name] || byName[step.name].id < step.id) byName[step.name] = step; });
    return byName;
  }

  // The definition's steps in columns by depth (the longest depends-on chain before them), edges from each
  // dependency, each node coloured by its status in the run.
  function drawDag(run) {
    const job = state.jobs.find(j => j.name === run.job);
    const svg = $('#run-dag');
    $('#run-graphs').hidden = false;
    $('#graphs-run-id').textContent = '#' + run.id + ' (' + run.job + ')';
    svg.replaceChildren();
    if (!job) return;
    const depth = {};
    const depthOf = (name, seen = []) => {
      if (depth[name] !== undefined) return depth[name];
      const step = job.steps.find(s => s.name === name);
      const deps = step ? step.dependsOn.filter(d => !seen.includes(d)) : [];
      depth[name] = deps.length ? 1 + Math.max(...deps.map(d => depthOf(d, [...seen, name]))) : 0;
      return depth[name];
    };
    job.steps.forEach(s => depthOf(s.name));
    const columns = [];
    job.steps.forEach(s => (columns[depth[s.name]] = columns[depth[s.name]] || []).push(s.name));
    const nodeWidth = 168, nodeHeight = 24, columnWidth = 196, rowHeight = 32;
    const rows = Math.max(...columns.map(c => c.length));
    svg.setAttribute('viewBox', '0 0 ' + (columns.length * columnWidth) + ' ' + (rows * rowHeight + 8));
    const at = {};
    columns.forEach((names, c) => names.forEach((name, r) => {
      at[name] = {x: 4 + c * columnWidth, y: 4 + r * rowHeight + (rows - names.length) * rowHeight / 2};
    }));
    job.steps.forEach(step => step.dependsOn.forEach(dep => {
      if (!at[dep]) return;
      svg.append(svgEl('path', {class: 'edge', d: 'M' + (at[dep].x + nodeWidth) + ' ' + (at[dep].y + nodeHeight / 2)
        + ' C' + (at[dep].x + nodeWidth + 14) + ' ' + (at[dep].y + nodeHeight / 2) + ' ' + (at[step.name].x - 14) + ' '
        + (at[step.name].y + nodeHeight / 2) + ' ' + at[step.name].x + ' ' + (at[step.name].y + nodeHeight / 2)}));
    }));
    const latest = latestSteps(run);
    job.steps.forEach(step => {
      const status = latest[step.name] ? latest[step.name].status : 'NOT_RUN';
      const node = svgEl('g', {id: 'dag-' + step.name, class: 'node ' + status, 'data-status': status});
      node.append(svgEl('rect', {x: at[step.name].x, y: at[step.name].y, width: nodeWidth, height: nodeHeight, rx: 4}));
      node.append(svgEl('text', {x: at[step.name].x + 6, y: at[step.name].y + 16}, step.name.length > 24 ? step.name.slice(0, 23) + '…' : step.name));
      node.append(svgEl('title', {}, step.name + ' (' + step.type + '): ' + status));
      node.addEventListener('click', () => showLog(step.name));
      svg.append(node);
    });
  }

  // One bar per step execution from its start to its end (to now while it runs), on one time axis.
  function drawGantt(run) {
    const svg = $('#run-gantt');
    svg.replaceChildren();
    const steps = run.steps.filter(s => s.startTime).slice().sort((a, b) => a.startTime.localeCompare(b.startTime) || a.id - b.id);
    const row = 20, left = 190, width = 900;
    svg.setAttribute('viewBox', '0 0 ' + (left + width + 70) + ' ' + (steps.length * row + 24));
    if (!steps.length) return;
    const ms = text => new Date(text).getTime();
    const start = ms(steps[0].startTime);
    const end = Math.max(...steps.map(s => s.endTime ? ms(s.endTime) : Date.now()), start + 1000);
    const x = t => left + width * (t - start) / (end - start);
    steps.forEach((step, i) => {
      const y = 4 + i * row;
      const from = x(ms(step.startTime));
      const to = x(step.endTime ? ms(step.endTime) : Date.now());
      svg.append(svgEl('text', {x: left - 6, y: y + 12, 'text-anchor': 'end'}, step.name));
      const bar = svgEl('rect', {id: 'gantt-' + step.name, x: from, y, width: Math.max(to - from, 2), height: row - 6, class: 'bar ' + step.status});
      bar.append(svgEl('title', {}, step.name + ': ' + time(step.startTime) + ' → ' + (time(step.endTime) || 'running') + ', ' + duration(step.durationMs)));
      svg.append(bar);
      svg.append(svgEl('text', {x: Math.max(to - from, 2) + from + 4, y: y + 12}, duration(step.durationMs)));
    });
    svg.append(svgEl('text', {x: left, y: steps.length * row + 18}, time(steps[0].startTime)));
    svg.append(svgEl('text', {x: left + width, y: steps.length * row + 18, 'text-anchor': 'end'}, duration(end - start) + ' in all'));
  }

  async function showLog(step) {
    state.logStep = step;
    $('#step-log-title').textContent = 'Log of ' + step + ' in execution #' + state.selected;
    try {
      const log = await api('/api/v1/executions/' + state.selected + '/steps/' + encodeURIComponent(step) + '/log');
      $('#step-log').textContent = log.lines.length
        ? log.lines.map(l => time(l.at) + ' ' + l.level.padEnd(5) + ' ' + l.logger.split('.').pop() + '  ' + l.message).join('\n')
        : 'Nothing logged by ' + step + ' in this execution.';
    } catch (error) {
      $('#step-log').textContent = error.message;
    }
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
      svg.append(svgEl('text', {x: labelWidth - 8, y: y + 15, 'text-anchor': 'end'}, product.title.slice(0, 52)));
      const rect = svgEl('rect', {x: labelWidth, y, width: Math.max(w, 1), height: row - 8, fill: PALETTE[0], class: 'bar'});
      rect.append(svgEl('title', {}, product.title + ': ' + vnd.format(product.revenueVnd) + ' ₫, ' + product.units
        + ' units, ' + product.listings + (product.listings === 1 ? ' listing' : ' listings') + ' on ' + product.sources.join(', ')));
      svg.append(rect);
      svg.append(svgEl('text', {x: labelWidth + w + 6, y: y + 15}, compact(Number(product.revenueVnd)) + ' ₫'));
    });
  }

  // Each model's champion against its baselines on the held-out window, and its latest version with the decision.
  async function loadModels() {
    const models = await api('/api/v1/models');
    const number = (v) => v === undefined || v === null ? '' : Number(v).toFixed(4);
    $('#models tbody').replaceChildren(...models.map(m => {
      const c = m.champion;
      const metric = m.metric;
      return el('tr', {id: 'model-' + m.model},
        el('td', {}, m.model, el('div', {class: 'muted'}, m.kind)),
        el('td', {}, c ? 'v' + c.version + ' (' + c.codeVersion + ')' : 'no champion yet'),
        el('td', {}, c ? metric + ' ' + number(c.metrics[metric]) : '',
          el('div', {class: 'muted'}, m.higherIsBetter ? 'higher is better' : 'lower is better')),
        el('td', {}, c ? Object.entries(c.baselineMetrics).map(([k, v]) => k + ' ' + number(v)).join(', ') : ''),
        el('td', {}, c ? time(c.trainedAt) + ', data to ' + c.trainingCutoff : ''),
        el('td', {}, m.latest ? 'v' + m.latest.version + ' ' + m.latest.status : 'none',
          m.latest ? el('div', {class: 'muted'}, m.latest.decision) : ''));
    }));
    const products = await api('/api/v1/models/demand/products?limit=20');
    const select = $('#forecast-product');
    const chosen = select.value;
    select.replaceChildren(...products.map(p => el('option', {value: p.source + '/' + p.productId},
      (p.title || p.productId) + ' (' + p.source + ')')));
    if (chosen && products.some(p => p.source + '/' + p.productId === chosen)) select.value = chosen;
    await loadForecast();
  }

  async function loadForecast() {
    const svg = $('#chart-forecast');
    const choice = $('#forecast-product').value;
    if (!choice) {
      svg.replaceChildren(svgEl('text', {x: 450, y: 120, 'text-anchor': 'middle'}, 'no forecast yet: run ml_retrain'));
      $('#forecast-note').textContent = '';
      return;
    }
    let forecast;
    try {
      forecast = await api('/api/v1/predictions/demand/' + choice.split('/').map(encodeURIComponent).join('/'));
    } catch (error) {
      svg.replaceChildren(svgEl('text', {x: 450, y: 120, 'text-anchor': 'middle'}, error.message));
      $('#forecast-note').textContent = '';
      return;
    }
    bars(svg, forecast.days.map(d => d.date.slice(5)), [
      {name: 'lower', values: forecast.days.map(d => d.lower)},
      {name: 'forecast', values: forecast.days.map(d => d.quantity)},
      {name: 'upper', values: forecast.days.map(d => d.upper)}], {format: v => Number(v).toFixed(1)});
    $('#forecast-note').textContent = 'Units per day after ' + forecast.origin + ', by demand v' + forecast.modelVersion
      + '; the bars beside each day are the 10% and 90% bounds.';
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

  // Each alert on each channel, newest first: sent, suppressed within the quiet period, skipped or failed.
  async function loadAlerts() {
    const deliveries = await api('/api/v1/alerts?limit=30');
    $('#alerts tbody').replaceChildren(...deliveries.map(d => el('tr', {id: 'alert-' + d.id},
      el('td', {}, time(d.at)), el('td', {}, d.alertKey), el('td', {}, d.kind), el('td', {}, d.channel),
      el('td', {}, el('span', {class: 'status ' + (d.outcome === 'sent' ? 'COMPLETED' : d.outcome === 'failed' ? 'FAILED' : '')}, d.outcome),
        d.error ? el('div', {class: 'muted'}, d.error) : ''),
      el('td', {}, d.title))));
    if (!deliveries.length) {
      $('#alerts tbody').append(el('tr', {}, el('td', {colspan: 6, class: 'muted'}, 'No alerts yet.')));
    }
  }

  async function refresh() {
    try {
      await Promise.all([loadJobs(), loadExecutions(), loadQuality(), loadKpis(), loadModels(), loadReports(), loadAlerts()]);
    } catch (error) {
      notice('Could not refresh: ' + error.message, true);
    }
  }

  $('#forecast-product').addEventListener('change', () => loadForecast().catch(error => notice(error.message, true)));
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
