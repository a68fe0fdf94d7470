import { h, field } from './dom.js';
import { t } from './i18n.js';
import { post } from './api.js';
import { problemBox } from './mentions.js';

/** The moves the triage API allows from each state (TriageStates.AllowedFrom on the server). */
const ALLOWED = {
  new: ['assigned', 'replied', 'resolved', 'ignored'],
  assigned: ['assigned', 'replied', 'resolved', 'ignored'],
  replied: ['assigned', 'resolved', 'ignored'],
  resolved: ['reopened'],
  ignored: ['reopened'],
};
export const allowedMoves = state => ALLOWED[state] ?? [];

/**
 * Team, assignee and note fields with one button per allowed move; the caller shows it to analysts and admins only.
 * onDone gets the mention as the API returns it after the move.
 */
export function triageForm(mention, onDone) {
  const message = h('div', { class: 'triage-message', 'aria-live': 'polite' });
  const form = h('form', { class: 'filters triage', 'data-mention': mention.id, 'aria-label': t('actionsFor', { id: mention.id }) },
    field(t('team'), h('input', { name: 'team', size: 10, value: mention.team ?? '' })),
    field(t('assignee'), h('input', { name: 'assignee', size: 10, value: mention.assignee ?? '' })),
    field(t('note'), h('input', { name: 'note', size: 24 })),
    allowedMoves(mention.triage ?? 'new').map(move =>
      h('button', { type: 'button', class: `move move-${move}`, 'data-move': move, onclick: () => send(move) }, t(`move_${move}`))),
    message);
  form.addEventListener('submit', e => e.preventDefault());
  async function send(move) {
    const d = new FormData(form);
    const value = k => String(d.get(k) ?? '').trim();
    message.replaceChildren();
    if (move === 'assigned' && !value('team') && !value('assignee')) return message.append(h('p', { class: 'error', role: 'alert' }, t('needTeamOrAssignee')));
    if (move === 'replied' && !value('note')) return message.append(h('p', { class: 'error', role: 'alert' }, t('needNote')));
    const body = { state: move };
    for (const k of ['team', 'assignee', 'note']) if (value(k)) body[k] = value(k);
    try { await onDone(await post(`/api/v1/mentions/${mention.id}/triage`, body)); }
    catch (e) { message.append(problemBox(e)); }
  }
  return form;
}
