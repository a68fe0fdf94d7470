import { h, s, field, select } from './dom.js';
import { t } from './i18n.js';
import { get, post, roleAtLeast, ApiError } from './api.js';
import { mentionItem, filterControls, formQuery } from './mentions.js';

const MAX_ROWS = 500;
let liveSource = null;
export function stopLive() { liveSource?.close(); liveSource = null; }

const watchesOf = async () => { const d = await get('/api/v1/watches'); return Array.isArray(d) ? d : d.items ?? d.watches ?? []; };
const problemBox = e => h('div', { class: 'error', role: 'alert' },
  e instanceof ApiError && e.problem.title === 'Invalid query'
    ? `${t('invalidQuery')} ${e.problem.position !== undefined ? t('atPosition', { pos: e.problem.position }) : ''}: ${e.problem.detail ?? ''}`
    : `${t('error')}: ${e.message}`);

export async function live(main) {
  const watches = await watchesOf();
  const list = h('ul', { class: 'feed', id: 'live-list', 'aria-live': 'polite', 'aria-label': t('live') });
  const status = h('span', { class: 'status', id: 'live-status' }, t('connecting'));
  let paused = false, hover = false;
  const queue = [];
  const pauseButton = h('button', { type: 'button', id: 'pause', 'aria-pressed': 'false', onclick: () => { paused = !paused; render(); } }, t('pause'));
  const flush = () => {
    if (paused || hover) return;
    while (queue.length) list.prepend(mentionItem(queue.shift()));
    while (list.children.length > MAX_ROWS) list.lastElementChild.remove();
  };
  function render() {
    pauseButton.textContent = paused ? t('resume') : t('pause');
    pauseButton.setAttribute('aria-pressed', String(paused));
    status.textContent = paused ? t('paused') : hover ? t('pausedHover') : t('connected');
    flush();
  }
  list.addEventListener('mouseenter', () => { hover = true; render(); });
  list.addEventListener('mouseleave', () => { hover = false; render(); });
  const form = h('form', { class: 'filters', onchange: () => connect(), onsubmit: e => { e.preventDefault(); connect(); } }, filterControls(watches));
  function connect() {
    stopLive();
    const params = formQuery(form);
    liveSource = new EventSource(`/api/v1/mentions/stream?${params}`);
    liveSource.onopen = () => render();
    liveSource.onerror = () => { status.textContent = t('connecting'); };
    liveSource.addEventListener('mention', e => {
      queue.push(JSON.parse(e.data));
      if (queue.length > MAX_ROWS) queue.splice(0, queue.length - MAX_ROWS);
      flush();
    });
  }
  main.append(h('h1', {}, t('live')), form, h('div', { class: 'row' }, pauseButton, status), list);
  connect();
}

export async function search(main) {
  const watches = await watchesOf();
  const results = h('ul', { class: 'feed', id: 'search-results' });
  const messages = h('div', { id: 'search-messages' });
  const exports = h('p', { class: 'row' });
  const more = h('button', { type: 'button', id: 'more', hidden: true }, t('more'));
  const form = h('form', { class: 'filters', role: 'search' },
    field(t('query'), h('input', { name: 'q', id: 'q', type: 'search', size: 40 })), filterControls(watches),
    h('button', { type: 'submit', class: 'primary' }, t('run')));
  let cursor = null;
  async function load(append) {
    const params = formQuery(form);
    params.set('limit', '50');
    if (append && cursor) params.set('cursor', cursor);
    messages.replaceChildren();
    try {
      const page = await get(`/api/v1/mentions?${params}`);
      if (!append) results.replaceChildren();
      page.items.forEach(m => results.append(mentionItem(m)));
      if (!append && page.items.length === 0) messages.append(h('p', {}, t('noResults')));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      params.delete('limit'); params.delete('cursor');
      exports.replaceChildren(...(roleAtLeast('analyst') ? [
        h('a', { href: `/api/v1/export?format=csv&${params}`, download: 'mentions.csv' }, t('exportCsv')),
        h('a', { href: `/api/v1/export?format=ndjson&${params}`, download: 'mentions.ndjson' }, t('exportNdjson'))] : []));
    } catch (e) { results.replaceChildren(); more.hidden = true; messages.append(problemBox(e)); }
  }
  form.addEventListener('submit', e => { e.preventDefault(); load(false); });
  more.addEventListener('click', () => load(true));
  main.append(h('h1', {}, t('search')), form, messages, exports, results, more);
  load(false);
}

export async function inbox(main) {
  const body = h('tbody');
  const table = h('table', { id: 'alerts' }, h('thead', {}, h('tr', {},
    [t('title'), t('rule'), t('state'), t('opened'), t('actions')].map(c => h('th', { scope: 'col' }, c)))), body);
  const replies = h('ul', { class: 'feed', id: 'needs-reply' });
  async function reload() {
    const page = await get('/api/v1/alerts?state=open&limit=100');
    body.replaceChildren(...page.items.map(a => h('tr', { 'data-alert': a.id },
      h('td', {}, a.title), h('td', {}, a.rule), h('td', {}, a.state), h('td', {}, new Date(a.openedAt).toLocaleString()),
      h('td', {}, roleAtLeast('analyst') ? [
        a.state === 'open' ? h('button', { type: 'button', class: 'ack', onclick: () => act(a.id, 'acknowledge') }, t('acknowledge')) : null,
        h('button', { type: 'button', class: 'resolve', onclick: () => act(a.id, 'resolve') }, t('resolve'))] : []))));
    const mentions = await get('/api/v1/mentions?needsReply=true&limit=50');
    replies.replaceChildren(...mentions.items.map(mentionItem));
  }
  async function act(id, verb) { await post(`/api/v1/alerts/${id}/${verb}`); await reload(); }
  main.append(h('h1', {}, t('inbox')), h('h2', {}, t('openAlerts')), table, h('h2', {}, t('needsReplyMentions')), replies);
  await reload();
}

/** Volume by sentiment as an SVG line chart, one point per bucket. */
export function trendChart(buckets) {
  const W = 720, H = 240, P = 30;
  const max = Math.max(1, ...buckets.map(b => b.total));
  const x = i => P + (buckets.length <= 1 ? 0 : i * (W - 2 * P) / (buckets.length - 1));
  const y = v => H - P - v * (H - 2 * P) / max;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': `${t('volume')}: ${buckets.length} ${t('points')}`, id: 'trend-chart' },
    s('line', { x1: P, y1: H - P, x2: W - P, y2: H - P, stroke: '#8c959f' }),
    s('text', { x: 2, y: P }, String(max)), s('text', { x: 2, y: H - P }, '0'));
  for (const [label, color] of [['negative', '#b42318'], ['neutral', '#57606a'], ['positive', '#1a7f37']]) {
    const pts = buckets.map((b, i) => [x(i), y(b.counts?.[label] ?? 0)]);
    svg.append(s('polyline', { points: pts.map(p => p.join(',')).join(' '), fill: 'none', stroke: color, 'stroke-width': 2 }));
    pts.forEach(([px, py], i) => svg.append(s('circle', { cx: px, cy: py, r: 3, fill: color, class: `point point-${label}` },
      s('title', {}, `${buckets[i].start} ${t(label)}: ${buckets[i].counts?.[label] ?? 0}`))));
  }
  return svg;
}

export async function trends(main) {
  const watches = await watchesOf();
  const chartBox = h('div', { id: 'chart' });
  const share = h('div', { id: 'share' });
  const form = h('form', { class: 'filters' },
    field(t('watch'), select('watch', [['', t('any')], ...watches.map(w => [w.name, w.name])])),
    field(t('interval'), select('interval', [['hour', t('hour')], ['day', t('day')]], 'hour')),
    h('button', { type: 'submit', class: 'primary' }, t('show')));
  async function load() {
    const params = formQuery(form);
    params.set('groupBy', 'sentiment');
    const data = await get(`/api/v1/trends?${params}`);
    chartBox.replaceChildren(trendChart(data.buckets));
    if (watches.length) {
      const sov = await get(`/api/v1/share-of-voice?watches=${encodeURIComponent(watches.map(w => w.name).join(','))}`);
      share.replaceChildren(h('table', {}, h('tbody', {}, sov.watches.map(w => h('tr', {},
        h('th', { scope: 'row' }, w.watch), h('td', {}, `${Math.round(w.share * 100)}% (${w.mentions})`),
        h('td', {}, h('div', { class: 'bar', 'data-share': w.share })))))));
      share.querySelectorAll('.bar').forEach(b => { b.style.width = `${Math.max(1, Number(b.dataset.share) * 100)}%`; });
    }
  }
  form.addEventListener('submit', e => { e.preventDefault(); load(); });
  main.append(h('h1', {}, t('trends')), form, h('h2', {}, t('volume')), chartBox, h('h2', {}, t('shareOfVoice')), share);
  await load();
}

export async function sources(main) {
  const data = await get('/api/v1/sources');
  main.append(h('h1', {}, t('sources')), h('table', { id: 'sources' },
    h('thead', {}, h('tr', {}, [t('name'), t('state'), t('lastSuccess'), t('lastError'), t('fetched'), t('lag'), t('failures')].map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, data.sources.map(x => h('tr', {}, h('td', {}, x.name), h('td', {}, x.state), h('td', {}, x.lastSuccessAt ?? '—'),
      h('td', {}, x.lastError ?? '—'), h('td', {}, x.postsFetched), h('td', {}, x.lagSeconds ?? '—'), h('td', {}, x.consecutiveFailures))))));
}

export async function watchesScreen(main) {
  const body = h('tbody');
  const table = h('table', { id: 'watches' }, h('thead', {}, h('tr', {}, [t('name'), t('query'), t('competitors')].map(c => h('th', { scope: 'col' }, c)))), body);
  const reload = async () => body.replaceChildren(...(await watchesOf()).map(w =>
    h('tr', {}, h('td', {}, w.name), h('td', {}, w.query), h('td', {}, (w.competitors || []).join(', ')))));
  main.append(h('h1', {}, t('watches')), table);
  if (roleAtLeast('admin')) {
    const message = h('div', { 'aria-live': 'polite' });
    const list = v => String(v || '').split(',').map(x => x.trim()).filter(Boolean);
    const form = h('form', { id: 'create-watch', class: 'filters' },
      field(t('name'), h('input', { name: 'name', required: true })), field(t('query'), h('input', { name: 'query', required: true, size: 30 })),
      field(t('ownHandles'), h('input', { name: 'ownHandles' })), field(t('competitors'), h('input', { name: 'competitors' })),
      h('button', { type: 'submit', class: 'primary' }, t('create')));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const d = new FormData(form);
      message.replaceChildren();
      try {
        await post('/api/v1/watches', { name: d.get('name'), query: d.get('query'), ownHandles: list(d.get('ownHandles')), competitors: list(d.get('competitors')) });
        message.append(h('p', {}, t('created'))); form.reset(); await reload();
      } catch (err) { message.append(problemBox(err)); }
    });
    main.append(h('h2', {}, t('newWatch')), form, message);
  }
  await reload();
}
