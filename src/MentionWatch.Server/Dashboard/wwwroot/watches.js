import { h, field } from './dom.js';
import { t } from './i18n.js';
import { get, post, put, roleAtLeast, watchesOf, ApiError } from './api.js';
import { problemBox, enc } from './mentions.js';

const CHECK_DELAY_MS = 250;
const list = v => String(v || '').split(',').map(x => x.trim()).filter(Boolean);

/**
 * Checks a query as it is typed with the same parser the watch endpoints use (GET /api/v1/mentions?q=&limit=1 answers
 * 400 "Invalid query" with the position), and shows the error under the character it points at.
 */
function queryChecker(input, feedback) {
  let timer = 0, sequence = 0;
  const show = (invalid, ...children) => { input.setAttribute('aria-invalid', String(invalid)); feedback.replaceChildren(...children); };
  async function check() {
    const text = input.value;
    const mine = ++sequence;
    if (!text.trim()) return show(false);
    try {
      await get(`/api/v1/mentions?q=${enc(text)}&limit=1`);
      if (mine === sequence) show(false, h('p', { class: 'ok', id: 'query-ok' }, t('queryOk')));
    } catch (e) {
      if (mine !== sequence) return;
      if (e instanceof ApiError && e.problem.title === 'Invalid query' && Number.isInteger(e.problem.position)) {
        const pos = Math.min(e.problem.position, text.length);
        show(true, h('p', { class: 'error', id: 'query-error', 'data-position': e.problem.position },
          `${t('invalidQuery')} ${t('atPosition', { pos: e.problem.position })}: ${e.problem.detail ?? ''}`),
        h('pre', { class: 'caret', 'aria-hidden': 'true' }, h('span', {}, text.slice(0, pos)), h('mark', {}, text.slice(pos, pos + 1) || ' '), text.slice(pos + 1)));
      } else show(true, problemBox(e));
    }
  }
  input.addEventListener('input', () => { clearTimeout(timer); feedback.replaceChildren(h('p', { class: 'meta' }, t('checking'))); timer = setTimeout(check, CHECK_DELAY_MS); });
  return check;
}

function editor(watches, editing, done) {
  const message = h('div', { 'aria-live': 'polite', id: 'watch-message' });
  const feedback = h('div', { id: 'query-feedback', 'aria-live': 'polite' });
  const query = h('input', { name: 'query', id: 'watch-query', required: true, size: 40, 'aria-describedby': 'query-feedback', value: editing?.query ?? '' });
  const others = watches.filter(w => w.name !== editing?.name);
  const competitors = h('fieldset', { id: 'competitors' }, h('legend', {}, t('competitorsPick')),
    others.length === 0 ? h('p', {}, t('noOtherWatches')) : others.map(w => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'competitors', value: w.name, checked: (editing?.competitors ?? []).includes(w.name) }), w.name)));
  const form = h('form', { id: 'create-watch', class: 'editor' },
    field(t('name'), h('input', { name: 'name', id: 'watch-name', required: true, value: editing?.name ?? '', readonly: !!editing })),
    field(t('query'), query), feedback,
    field(t('ownHandles'), h('input', { name: 'ownHandles', id: 'own-handles', value: (editing?.ownHandles ?? []).join(', ') })),
    competitors,
    h('p', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, editing ? t('save') : t('create')),
      editing ? h('button', { type: 'button', onclick: () => done(null) }, t('cancel')) : null),
    message);
  queryChecker(query, feedback);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const d = new FormData(form);
    const body = { name: String(d.get('name')).trim(), query: d.get('query'), ownHandles: list(d.get('ownHandles')), competitors: d.getAll('competitors') };
    message.replaceChildren();
    try {
      if (editing) await put(`/api/v1/watches/${enc(editing.name)}`, body); else await post('/api/v1/watches', body);
      await done(editing ? t('saved') : t('created'));
    } catch (err) { message.append(problemBox(err)); }
  });
  return h('section', { 'aria-labelledby': 'editor-title' }, h('h2', { id: 'editor-title' }, editing ? t('editWatch', { name: editing.name }) : t('newWatch')), form);
}

/** Watches with their query, own handles and competitors; admins get the editor (create, or edit a row). */
export async function watchesScreen(main) {
  const body = h('tbody');
  const table = h('table', { id: 'watches' }, h('thead', {}, h('tr', {},
    [t('name'), t('query'), t('ownHandlesCol'), t('competitorsPick'), roleAtLeast('admin') ? t('actions') : null].filter(Boolean).map(c => h('th', { scope: 'col' }, c)))), body);
  const editorBox = h('div', { id: 'editor' });
  const status = h('p', { 'aria-live': 'polite', id: 'watches-status' });
  async function reload(message, editing = null) {
    const watches = await watchesOf();
    status.textContent = message ?? '';
    body.replaceChildren(...watches.map(w => h('tr', { 'data-watch': w.name }, h('td', {}, w.name), h('td', {}, h('code', {}, w.query)),
      h('td', {}, (w.ownHandles || []).join(', ')), h('td', {}, (w.competitors || []).join(', ')),
      roleAtLeast('admin') ? h('td', {}, h('button', { type: 'button', class: 'edit', 'aria-label': `${t('edit')} ${w.name}`, onclick: () => reload(null, w) }, t('edit'))) : null)));
    if (roleAtLeast('admin')) {
      editorBox.replaceChildren(editor(watches, editing, m => reload(m)));
      if (editing) {
        const query = editorBox.querySelector('#watch-query');
        query.focus();
        query.setSelectionRange(query.value.length, query.value.length);
      }
    }
  }
  main.append(h('h1', {}, t('watches')), status, table, editorBox);
  await reload();
}
