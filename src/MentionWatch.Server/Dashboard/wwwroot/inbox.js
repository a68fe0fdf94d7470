import { h, field } from './dom.js';
import { t } from './i18n.js';
import { get, post, roleAtLeast, openStream } from './api.js';
import { mentionItem, formQuery, problemBox } from './mentions.js';
import { triageForm } from './triage.js';

const OPEN = new Set(['new', 'assigned', 'replied']);
const ALERT_EVENTS = ['triggered', 'updated', 'acknowledged', 'resolved', 'escalated'].map(e => `alert.${e}`);
const ALERT_RELOAD_DELAY_MS = 200;

function alertsTable(items, act) {
  if (items.length === 0) return h('p', { id: 'no-alerts' }, t('noAlerts'));
  return h('table', { id: 'alerts' }, h('thead', {}, h('tr', {},
    [t('title'), t('rule'), t('state'), t('opened'), t('actions')].map(c => h('th', { scope: 'col' }, c)))),
  h('tbody', {}, items.map(a => h('tr', { 'data-alert': a.id },
    h('td', {}, a.title), h('td', {}, a.rule), h('td', {}, a.state), h('td', {}, new Date(a.openedAt).toLocaleString()),
    h('td', {}, roleAtLeast('analyst') ? [
      a.state === 'open' ? h('button', { type: 'button', class: 'ack', onclick: () => act(a.id, 'acknowledge') }, t('acknowledge')) : null,
      h('button', { type: 'button', class: 'resolve', onclick: () => act(a.id, 'resolve') }, t('resolve'))] : [])))));
}

/** Open needs-reply mentions grouped by their team, each with the triage moves it allows (for analysts and admins). */
function byTeam(mentions, reload) {
  const groups = new Map();
  for (const m of mentions) {
    const team = m.team ?? '';
    if (!groups.has(team)) groups.set(team, []);
    groups.get(team).push(m);
  }
  if (groups.size === 0) return [h('p', {}, t('nothingOpen'))];
  return [...groups.entries()].sort(([a], [b]) => (a === '') - (b === '') || a.localeCompare(b)).map(([team, items], i) =>
    h('section', { class: 'team-group', 'data-team': team, 'aria-labelledby': `team-${i}` },
      h('h3', { id: `team-${i}` }, `${team || t('noTeam')} (${items.length})`),
      h('ul', { class: 'feed needs-reply' }, items.map(m => {
        const li = mentionItem(m);
        if (roleAtLeast('analyst')) li.append(triageForm(m, reload));
        return li;
      }))));
}

export async function inbox(main) {
  const alerts = h('div', { id: 'alerts-box' });
  const teams = h('div', { id: 'needs-reply' });
  const messages = h('div', { id: 'inbox-messages' });
  const filter = h('form', { class: 'filters', id: 'inbox-filter' },
    field(t('team'), h('input', { name: 'team', size: 12 })), h('button', { type: 'submit', class: 'primary' }, t('filter')));
  async function reloadAlerts() {
    const page = await get('/api/v1/alerts?state=open&limit=100');
    alerts.replaceChildren(alertsTable(page.items, act));
  }
  async function reload() {
    messages.replaceChildren();
    await reloadAlerts();
    const params = formQuery(filter);
    params.set('needsReply', 'true');
    params.set('limit', '100');
    try {
      const mentions = await get(`/api/v1/mentions?${params}`);
      teams.replaceChildren(...byTeam(mentions.items.filter(m => OPEN.has(m.triage ?? 'new')), reload));
    } catch (e) { teams.replaceChildren(); messages.append(problemBox(e)); }
  }
  async function act(id, verb) {
    try { await post(`/api/v1/alerts/${id}/${verb}`); await reload(); }
    catch (e) { messages.replaceChildren(problemBox(e)); }
  }
  filter.addEventListener('submit', e => { e.preventDefault(); reload(); });
  // Alerts change while on-call staff look at the inbox: the alert stream says when, and the table is read again.
  let pending = 0;
  const events = openStream('/api/v1/alerts/stream');
  for (const type of ALERT_EVENTS) events.addEventListener(type, () => { clearTimeout(pending); pending = setTimeout(() => reloadAlerts().catch(() => {}), ALERT_RELOAD_DELAY_MS); });
  main.append(h('h1', {}, t('inbox')), h('h2', {}, t('openAlerts')), alerts, h('h2', {}, t('byTeam')), filter, messages, teams);
  await reload();
}
