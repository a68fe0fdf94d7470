import { h, field, select } from './dom.js';
import { t } from './i18n.js';
import { ApiError } from './api.js';

export const enc = encodeURIComponent;
export const mentionHref = id => `#/mention/${id}`;
export const authorHref = (source, handle) => `#/author/${enc(source)}/${enc(handle)}`;

/** One mention as a list item; the text opens the mention page, the handle the author page. */
export function mentionItem(m) {
  const label = m.sentiment?.label || 'neutral';
  const handle = m.author?.handle ?? '?';
  return h('li', { 'data-id': m.id },
    h('div', {}, h('a', { href: mentionHref(m.id), class: 'mention-link' }, m.text)),
    h('div', { class: 'meta' },
      h('a', { href: authorHref(m.source, handle), class: 'author-link' }, `@${handle}`),
      ` · ${m.source} · ${m.lang ?? ''} · ${new Date(m.createdAt).toLocaleString()} · ${(m.watches || []).join(', ')}`,
      h('span', { class: `tag ${label}` }, t(label)),
      m.needsReply?.value ? h('span', { class: 'tag' }, t('needsReply')) : null,
      m.triage && m.triage !== 'new' ? h('span', { class: 'tag triage' }, stateText(m.triage)) : null));
}

/** The shared filter controls: watch, needs-reply, sentiment, language, source. */
export function filterControls(watches) {
  return [
    field(t('watch'), select('watch', [['', t('any')], ...watches.map(w => [w.name, w.name])])),
    field(t('needsReply'), select('needsReply', [['', t('any')], ['true', t('yes')], ['false', t('no')]])),
    field(t('sentiment'), select('sentiment', [['', t('any')], ['negative', t('negative')], ['neutral', t('neutral')], ['positive', t('positive')]])),
    field(t('lang'), select('lang', [['', t('any')], ['en', 'en'], ['ru', 'ru']])),
    field(t('source'), h('input', { name: 'source', type: 'text', size: 10 })),
  ];
}

/** Query string from a form's non-empty fields. */
export function formQuery(form) {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (String(v).trim() !== '') params.set(k, String(v).trim());
  return params;
}

/** An API error as an alert box; an invalid query names its position. */
export const problemBox = e => h('div', { class: 'error', role: 'alert' },
  e instanceof ApiError && e.problem.title === 'Invalid query'
    ? `${t('invalidQuery')} ${e.problem.position !== undefined ? t('atPosition', { pos: e.problem.position }) : ''}: ${e.problem.detail ?? ''}`
    : `${t('error')}: ${e.message}`);

/** Seconds as a short duration in the chosen language. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return t('seconds', { n: Math.round(seconds) });
  if (seconds < 3600) return t('minutes', { n: Math.round(seconds / 60) });
  return t('hours', { n: Math.round(seconds / 360) / 10 });
}

/** A triage state in the chosen language. */
export const stateText = state => t(`state_${state ?? 'new'}`);

export const percent = v => (v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`);
export const when = v => (v ? new Date(v).toLocaleString() : '—');
