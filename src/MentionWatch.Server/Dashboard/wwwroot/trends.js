import { h, field, select } from './dom.js';
import { t } from './i18n.js';
import { get, watchesOf } from './api.js';
import { formQuery, percent, duration } from './mentions.js';
import { trendChart, responseChart, WINDOWS } from './charts.js';

function shareTable(sov) {
  const table = h('table', {}, h('tbody', {}, sov.watches.map(w => h('tr', {},
    h('th', { scope: 'row' }, w.watch), h('td', {}, `${Math.round(w.share * 100)}% (${w.mentions})`),
    h('td', {}, h('div', { class: 'bar', 'data-share': w.share }))))));
  table.querySelectorAll('.bar').forEach(b => { b.style.width = `${Math.max(1, Number(b.dataset.share) * 100)}%`; });
  return table;
}

function responseSummary(total) {
  const cell = (k, v) => h('div', { class: 'figure' }, h('span', { class: 'figure-value' }, v), h('span', { class: 'figure-label' }, k));
  return h('div', { class: 'figures', id: 'response-summary' },
    WINDOWS.map(([key]) => cell(`${t('answeredWithin')} ${key}`, percent(total.answeredWithin[key]))),
    cell(t('median'), duration(total.medianSeconds)), cell(t('p90'), duration(total.p90Seconds)),
    cell(t('needsReplyCount'), total.needsReply), cell(t('unanswered'), total.unanswered));
}

function complaintTable(result) {
  if (!result.terms.length) return h('p', {}, t('noComplaintTerms'));
  const top = Math.max(...result.terms.map(x => x.negative));
  const table = h('table', { id: 'complaint-terms' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('term')), h('th', { scope: 'col' }, t('negativeMentions')), h('th', { scope: 'col' }, t('allMentions')), h('th', { scope: 'col' }, ''))),
    h('tbody', {}, result.terms.map(x => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `#/mention/${x.exampleMentionId}`, title: t('exampleMention') }, x.term)),
      h('td', {}, String(x.negative)), h('td', {}, String(x.all)),
      h('td', {}, h('div', { class: 'bar', 'data-share': x.negative / top }))))));
  table.querySelectorAll('.bar').forEach(b => { b.style.width = `${Math.max(1, Number(b.dataset.share) * 100)}%`; });
  return table;
}

/** Volume by sentiment, share of voice, response times (by hour or day) and the words behind the complaints (last 7 days). */
export async function trends(main) {
  const watches = await watchesOf();
  const chartBox = h('div', { id: 'chart' });
  const share = h('div', { id: 'share' });
  const responses = h('div', { id: 'responses' });
  const complaints = h('div', { id: 'complaints' });
  const form = h('form', { class: 'filters' },
    field(t('watch'), select('watch', [['', t('any')], ...watches.map(w => [w.name, w.name])])),
    field(t('interval'), select('interval', [['hour', t('hour')], ['day', t('day')]], 'hour')),
    h('button', { type: 'submit', class: 'primary' }, t('show')));
  async function load() {
    const params = formQuery(form);
    const watch = new URLSearchParams(params).get('watch') || '';
    const [data, times, terms] = await Promise.all([
      get(`/api/v1/trends?${params}&groupBy=sentiment`), get(`/api/v1/response-times?${params}`),
      get(`/api/v1/insights/complaints?limit=10${watch ? `&watch=${encodeURIComponent(watch)}` : ''}`)]);
    complaints.replaceChildren(complaintTable(terms));
    chartBox.replaceChildren(trendChart(data.buckets));
    responses.replaceChildren(responseSummary(times.total), responseChart(times.buckets));
    if (watches.length) share.replaceChildren(shareTable(await get(`/api/v1/share-of-voice?watches=${encodeURIComponent(watches.map(w => w.name).join(','))}`)));
  }
  form.addEventListener('change', () => load());
  form.addEventListener('submit', e => { e.preventDefault(); load(); });
  main.append(h('h1', {}, t('trends')), form, h('h2', {}, t('volume')), chartBox,
    h('h2', {}, t('responseTimes')), responses, h('h2', {}, t('complaintTerms')), complaints, h('h2', {}, t('shareOfVoice')), share);
  await load();
}
