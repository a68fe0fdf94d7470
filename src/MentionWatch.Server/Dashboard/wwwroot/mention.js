import { h, field, select } from './dom.js';
import { t } from './i18n.js';
import { get, put, roleAtLeast } from './api.js';
import { authorHref, mentionHref, problemBox, duration, when, enc, stateText } from './mentions.js';
import { triageForm } from './triage.js';

const MAX_REPLIES = 20;
const table = (id, heads, rows) => h('table', { id }, h('thead', {}, h('tr', {}, heads.map(c => h('th', { scope: 'col' }, c)))), h('tbody', {}, rows));
const safeUrl = url => (/^https?:\/\//i.test(url ?? '') ? url : null);

/** A post in the conversation: text, author, source, time and its link on the source. */
function postCard(m, cls) {
  const handle = m.author?.handle ?? '?';
  return h('article', { class: `post ${cls}`, 'data-id': m.id },
    h('p', {}, m.text),
    h('p', { class: 'meta' }, h('a', { href: authorHref(m.source, handle) }, `@${handle}`), ` · ${m.source} · ${when(m.createdAt)} `,
      safeUrl(m.url) ? h('a', { href: m.url, rel: 'noopener noreferrer', target: '_blank' }, m.url) : null));
}

/** True when x belongs to m's conversation: same thread id, or one answers the other. */
function sameConversation(m, x) {
  if (x.id === m.id) return false;
  const thread = m.conversationId ?? m.externalId;
  return x.conversationId === thread || x.externalId === m.conversationId || x.inReplyTo === m.externalId || m.inReplyTo === x.externalId;
}

/**
 * The conversation as the API knows it: the brand replies linked to the mention (every one the author history lists,
 * else the first reply) and the author's own other posts in the same thread (from the customer-history API).
 */
async function conversationOf(m) {
  let refs = m.firstReply ? [m.firstReply] : [], thread = [];
  try {
    const author = await get(`/api/v1/authors/${enc(m.source)}/${enc(m.author.handle)}`);
    refs = author.mentions.find(x => x.mention.id === m.id)?.brandReplies ?? refs;
    thread = author.mentions.map(x => x.mention).filter(x => x.source === m.source && sameConversation(m, x));
  } catch { /* the first reply is still known */ }
  const replies = await Promise.all(refs.slice(0, MAX_REPLIES).map(async r => ({ ref: r, reply: await get(`/api/v1/mentions/${r.id}`) })));
  return { replies, thread: thread.sort((a, b) => new Date(a.createdAt) - new Date(b.createdAt)) };
}

function conversation(m, { replies, thread }) {
  return h('section', { 'aria-labelledby': 'conv-title' }, h('h2', { id: 'conv-title' }, t('conversation')),
    m.inReplyTo ? h('p', { class: 'meta' }, t('inReplyTo', { id: m.inReplyTo })) : null,
    m.conversationId ? h('p', { class: 'meta' }, t('conversationId', { id: m.conversationId })) : null,
    postCard(m, 'original'),
    thread.length ? [h('h3', {}, t('authorInThread')), h('ol', { id: 'thread', class: 'replies' },
      thread.map(x => h('li', {}, postCard(x, 'follow-up'), h('p', { class: 'meta' }, h('a', { href: mentionHref(x.id) }, t('open'))))))] : null,
    h('h3', {}, t('brandReplies')),
    replies.length === 0 ? h('p', { id: 'no-replies' }, t('noReplies')) : h('ol', { id: 'brand-replies', class: 'replies' },
      replies.map(({ ref, reply }) => h('li', {}, postCard(reply, 'reply'), h('p', { class: 'meta' },
        h('a', { href: mentionHref(reply.id) }, t('repliedAfter', { time: duration(ref.seconds) })))))));
}

function details(m, history) {
  const row = (k, v) => [h('dt', {}, k), h('dd', {}, v)];
  return h('section', { 'aria-labelledby': 'details-title' }, h('h2', { id: 'details-title' }, t('details')),
    h('dl', { id: 'mention-details' },
      row(t('triage'), h('span', { id: 'triage-state', 'data-state': history.triage }, stateText(history.triage))), row(t('team'), history.team ?? '—'), row(t('assignee'), history.assignee ?? '—'),
      row(t('sentiment'), h('span', { id: 'sentiment-label', class: m.sentiment.label }, t(m.sentiment.label))),
      row(t('needsReply'), `${m.needsReply.value ? t('yes') : t('no')} (${t('probability', { p: m.needsReply.probability.toFixed(2) })})`),
      row(t('watchesOf'), m.watches.join(', ') || '—'), row(t('firstReply'), history.firstReply ? duration(history.firstReply.seconds) : '—')));
}

function historyTables(history) {
  return h('section', { 'aria-labelledby': 'history-title' }, h('h2', { id: 'history-title' }, t('triageHistory')),
    history.history.length === 0 ? h('p', {}, t('noHistory')) : table('triage-history', [t('when'), t('who'), t('from'), t('to'), t('team'), t('assignee'), t('note')],
      history.history.map(e => h('tr', {}, [when(e.at), e.who ?? '—', stateText(e.from), stateText(e.to), e.team ?? '—', e.assignee ?? '—', e.note ?? '—'].map(c => h('td', {}, c))))),
    h('h3', {}, t('corrections')),
    history.corrections.length === 0 ? h('p', {}, t('noCorrections')) : table('corrections', [t('when'), t('who'), t('field'), t('oldValue'), t('newValue'), t('note')],
      history.corrections.map(c => h('tr', {}, [when(c.at), c.who ?? '—', c.field, c.oldValue, c.newValue, c.note ?? '—'].map(x => h('td', {}, x))))));
}

function labelForm(m, reload) {
  const message = h('div', { 'aria-live': 'polite', id: 'labels-message' });
  const form = h('form', { id: 'labels-form', class: 'filters', 'aria-labelledby': 'labels-title' },
    field(t('sentiment'), select('sentiment', [['', t('keep')], ['negative', t('negative')], ['neutral', t('neutral')], ['positive', t('positive')]])),
    field(t('needsReply'), select('needsReply', [['', t('keep')], ['true', t('yes')], ['false', t('no')]])),
    field(t('note'), h('input', { name: 'note', size: 24 })),
    h('button', { type: 'submit', class: 'primary' }, t('correctLabels')), message);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const d = new FormData(form);
    const body = {};
    if (d.get('sentiment')) body.sentiment = d.get('sentiment');
    if (d.get('needsReply')) body.needsReply = d.get('needsReply') === 'true';
    if (String(d.get('note') ?? '').trim()) body.note = String(d.get('note')).trim();
    message.replaceChildren();
    try {
      const result = await put(`/api/v1/mentions/${m.id}/labels`, body);
      await reload(result.recorded.length ? t('correctionSaved') : t('nothingChanged'));
    } catch (err) { message.append(problemBox(err)); }
  });
  return h('section', {}, h('h2', { id: 'labels-title' }, t('correctLabel')), form);
}

function reasons(list) {
  return list.length === 0 ? h('p', {}, t('noReasons'))
    : h('ul', {}, list.map(r => h('li', {}, `${r.reason} (${t('weight', { w: r.weight })})`)));
}

function explainSection(id) {
  const box = h('div', { id: 'explanation', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', id: 'explain', 'aria-controls': 'explanation', onclick: async () => {
    box.replaceChildren();
    try {
      const e = await get(`/api/v1/mentions/${id}/explain`);
      box.append(
        h('p', {}, t('modelVerdict', { sentiment: t(e.model.sentiment), needsReply: e.model.needsReply ? t('yes') : t('no'), p: e.model.needsReplyProbability.toFixed(2), lang: e.model.language })),
        h('h3', {}, t('needsReplyReasons')), reasons(e.needsReply),
        h('h3', {}, t('sentimentReasons', { label: t(e.sentiment.label), p: e.sentiment.probability.toFixed(2) })), reasons(e.sentiment.reasons),
        ...(e.brandPostRule ? [h('h3', {}, t('brandRule')), h('p', {}, e.brandPostRule.rule)] : []));
    } catch (err) { box.append(problemBox(err)); }
  } }, t('whyFlagged'));
  return h('section', { 'aria-labelledby': 'explain-title' }, h('h2', { id: 'explain-title' }, t('explanation')), button, box);
}

/** #/mention/{id}: the conversation, brand replies, details, triage and label actions, why it was flagged, the history. */
export async function mentionPage(main, [id]) {
  const body = h('div', { id: 'mention-body' });
  const status = h('p', { id: 'mention-status', 'aria-live': 'polite' });
  async function load(message) {
    const [m, history] = await Promise.all([get(`/api/v1/mentions/${enc(id)}`), get(`/api/v1/mentions/${enc(id)}/history`)]);
    const talk = await conversationOf(m);
    status.textContent = message ?? '';
    const actions = roleAtLeast('analyst')
      ? [h('section', {}, h('h2', {}, t('actions')), triageForm({ ...m, triage: history.triage }, () => load(t('done')))), labelForm(m, load)]
      : [];
    body.replaceChildren(conversation(m, talk), details(m, history), ...actions, historyTables(history));
  }
  main.append(h('h1', {}, `${t('mention')} #${id}`), status, body, explainSection(enc(id)));
  await load();
}
