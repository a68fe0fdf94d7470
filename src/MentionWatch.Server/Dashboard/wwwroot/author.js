import { h, field } from './dom.js';
import { t } from './i18n.js';
import { get, post, roleAtLeast } from './api.js';
import { authorHref, mentionHref, problemBox, percent, when, enc, stateText } from './mentions.js';

function summary(s) {
  const row = (k, v) => [h('dt', {}, k), h('dd', {}, v)];
  return h('dl', { id: 'author-summary' }, row(t('mentionsCount'), s.mentions), row(t('negativeShare'), percent(s.negativeShare)),
    row(t('openItems'), s.openItems), row(t('lastContact'), when(s.lastContact)), row(t('followers'), s.followers ?? '—'));
}

function linkForm(author, reload) {
  const message = h('div', { 'aria-live': 'polite' });
  const form = h('form', { id: 'link-identity', class: 'filters', 'aria-labelledby': 'link-title' },
    field(t('source'), h('input', { name: 'source', required: true, size: 10 })),
    field(t('handle'), h('input', { name: 'handle', required: true, size: 16 })),
    h('button', { type: 'submit', class: 'primary' }, t('link')), message);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const d = new FormData(form);
    message.replaceChildren();
    try {
      await post('/api/v1/authors/links', { a: author, b: { source: String(d.get('source')).trim(), handle: String(d.get('handle')).trim() } });
      await reload();
    } catch (err) { message.append(problemBox(err)); }
  });
  return h('section', {}, h('h2', { id: 'link-title' }, t('linkIdentity')), form);
}

/** #/author/{source}/{handle}: the customer's history across sources and the identities linked to them. */
export async function authorPage(main, [source, handle]) {
  const body = h('div', { id: 'author-body' });
  async function load() {
    const data = await get(`/api/v1/authors/${enc(source)}/${enc(handle)}`);
    const sources = [...new Set(data.mentions.map(x => x.mention.source))];
    body.replaceChildren(
      h('h1', {}, t('authorTitle', { handle: data.author.handle, source: data.author.source })),
      h('h2', {}, t('summary')), summary(data.summary),
      h('h2', {}, t('linkedIdentities')),
      data.linkedIdentities.length === 0 ? h('p', {}, t('noLinked')) : h('ul', { id: 'linked-identities' },
        data.linkedIdentities.map(i => h('li', {}, h('a', { href: authorHref(i.source, i.handle) }, `@${i.handle} (${i.source})`)))),
      roleAtLeast('analyst') ? linkForm(data.author, load) : null,
      h('h2', {}, t('historyAcross')), h('p', { id: 'author-sources' }, t('sourcesSeen', { list: sources.join(', ') })),
      h('table', { id: 'author-mentions' },
        h('thead', {}, h('tr', {}, [t('when'), t('source'), t('author'), t('mention'), t('sentiment'), t('triage'), t('replies')].map(c => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, data.mentions.map(({ mention: m, brandReplies }) => h('tr', { 'data-source': m.source, 'data-id': m.id },
          h('td', {}, when(m.createdAt)), h('td', {}, m.source), h('td', {}, `@${m.author.handle}`),
          h('td', {}, h('a', { href: mentionHref(m.id) }, m.text)), h('td', { class: m.sentiment.label }, t(m.sentiment.label)),
          h('td', {}, stateText(m.triage)), h('td', {}, brandReplies.length))))));
  }
  main.append(body);
  await load();
}
