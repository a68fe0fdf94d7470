import { h, field } from './dom.js';
import { t, lang, setLang } from './i18n.js';
import { restore, signIn, signOut, getSession, closeStreams } from './api.js';
import * as screens from './screens.js';
import { inbox } from './inbox.js';
import { trends } from './trends.js';
import { watchesScreen } from './watches.js';
import { mentionPage } from './mention.js';
import { authorPage } from './author.js';

/** Screens in the navigation, then pages reached from rows (#/mention/{id}, #/author/{source}/{handle}). */
const routes = { live: screens.live, search: screens.search, inbox, trends, sources: screens.sources, watches: watchesScreen };
const pages = { mention: mentionPage, author: authorPage };
const parseHash = () => {
  const [name, ...args] = location.hash.slice(2).split('/');
  return { name: name || 'live', args: args.map(a => decodeURIComponent(a)) };
};
const main = document.getElementById('main');
const nav = document.getElementById('nav');

function chrome() {
  document.getElementById('lang-label').textContent = t('language');
  document.querySelector('.skip').textContent = t('skip');
  nav.setAttribute('aria-label', t('mainNav'));
  const session = getSession();
  nav.hidden = !session;
  const current = parseHash().name;
  nav.replaceChildren(...Object.keys(routes).map(r => h('a', { href: `#/${r}`, 'aria-current': r === current ? 'page' : null }, t(r))));
  document.getElementById('who').textContent = session ? t('signedInAs', { name: session.name, role: session.role }) : '';
  const out = document.getElementById('sign-out');
  out.hidden = !session;
  out.textContent = t('signOut');
}

function signInScreen() {
  const error = h('div', { role: 'alert' });
  const form = h('form', { id: 'sign-in' }, h('h1', {}, t('signInTitle')),
    field(t('apiKey'), h('input', { name: 'apiKey', id: 'api-key', type: 'password', autocomplete: 'current-password', required: true })),
    h('p', {}, h('button', { type: 'submit', class: 'primary' }, t('signIn'))), error);
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try { await signIn(new FormData(form).get('apiKey')); if (!location.hash) location.hash = '#/live'; else route(); }
    catch { error.replaceChildren(h('p', { class: 'error' }, t('badKey'))); }
  });
  main.replaceChildren(form);
}

async function route() {
  screens.stopLive();
  closeStreams();
  chrome();
  if (!getSession()) return signInScreen();
  const { name, args } = parseHash();
  main.replaceChildren();
  main.dataset.screen = name;
  delete main.dataset.ready;
  try { await (routes[name] ?? pages[name] ?? screens.live)(main, args); }
  catch (e) { main.append(h('p', { class: 'error', role: 'alert' }, `${t('error')}: ${e.message}`)); }
  main.dataset.ready = name;
}

document.getElementById('lang-switch').value = lang();
setLang(lang());
document.getElementById('lang-switch').addEventListener('change', e => { setLang(e.target.value); route(); });
document.getElementById('sign-out').addEventListener('click', async () => { await signOut(); location.hash = ''; route(); });
window.addEventListener('hashchange', route);
restore().then(route);
