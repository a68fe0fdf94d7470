import { h, field, select } from './dom.js';
import { t } from './i18n.js';

/** One mention as a list item. */
export function mentionItem(m) {
  const label = m.sentiment?.label || 'neutral';
  return h('li', { 'data-id': m.id },
    h('div', {}, m.text),
    h('div', { class: 'meta' },
      `@${m.author?.handle ?? '?'} · ${m.source} · ${m.lang ?? ''} · ${new Date(m.createdAt).toLocaleString()} · ${(m.watches || []).join(', ')}`,
      h('span', { class: `tag ${label}` }, t(label)),
      m.needsReply?.value ? h('span', { class: 'tag' }, t('needsReply')) : null));
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
