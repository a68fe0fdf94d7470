import { h, field } from './dom.js';
import { t } from './i18n.js';
import { get, roleAtLeast, watchesOf } from './api.js';
import { mentionItem, filterControls, formQuery, problemBox } from './mentions.js';

const MAX_ROWS = 500;
let liveSource = null;
export function stopLive() { liveSource?.close(); liveSource = null; }

export async function live(main) {
  const watches = await watchesOf();
  const list = h('ul', { class: 'feed', id: 'live-list', 'aria-live': 'polite', 'aria-label': t('live') });
  const status = h('span', { class: 'status', id: 'live-status' }, t('connecting'));
  let paused = false, hover = false;
  const queue = [];
  const pauseButton = h('button', { type: 'button', id: 'pause', 'aria-pressed': 'false', onclick: () => { paused = !paused; render(); } }, t('pause'));
  // At 100 posts/s the rows are added once per animation frame, newest first, in one fragment; the list keeps MAX_ROWS.
  let frame = 0;
  const flush = () => {
    frame = 0;
    if (paused || hover || queue.length === 0) return;
    const fragment = document.createDocumentFragment();
    for (let i = queue.length - 1; i >= 0; i--) fragment.append(mentionItem(queue[i]));
    queue.length = 0;
    list.prepend(fragment);
    while (list.children.length > MAX_ROWS) list.lastElementChild.remove();
  };
  const schedule = () => { if (!frame) frame = requestAnimationFrame(flush); };
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
      schedule();
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

export async function sources(main) {
  const data = await get('/api/v1/sources');
  main.append(h('h1', {}, t('sources')), h('table', { id: 'sources' },
    h('thead', {}, h('tr', {}, [t('name'), t('state'), t('lastSuccess'), t('lastError'), t('fetched'), t('lag'), t('failures')].map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, data.sources.map(x => h('tr', {}, h('td', {}, x.name), h('td', {}, x.state), h('td', {}, x.lastSuccessAt ?? '—'),
      h('td', {}, x.lastError ?? '—'), h('td', {}, x.postsFetched), h('td', {}, x.lagSeconds ?? '—'), h('td', {}, x.consecutiveFailures))))));
}

