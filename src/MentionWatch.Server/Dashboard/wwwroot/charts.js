import { s } from './dom.js';
import { t, lang } from './i18n.js';
import { percent } from './mentions.js';

const W = 720, H = 240, P = 30;

/** The first and last bucket's start under the x axis. */
function axisDates(buckets) {
  if (buckets.length === 0) return [];
  const daily = buckets.length > 1 && new Date(buckets[1].start) - new Date(buckets[0].start) >= 86_400_000;
  const format = daily ? { month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
  const label = v => new Date(v).toLocaleString(lang(), format);
  return [s('text', { x: P, y: H - 8 }, label(buckets[0].start)),
    s('text', { x: W - P, y: H - 8, 'text-anchor': 'end' }, label(buckets[buckets.length - 1].start))];
}

/** Volume by sentiment as an SVG line chart, one point per bucket. */
export function trendChart(buckets) {
  const max = Math.max(1, ...buckets.map(b => b.total));
  const x = i => P + (buckets.length <= 1 ? 0 : i * (W - 2 * P) / (buckets.length - 1));
  const y = v => H - P - v * (H - 2 * P) / max;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': `${t('volume')}: ${buckets.length} ${t('points')}`, id: 'trend-chart' },
    s('line', { x1: P, y1: H - P, x2: W - P, y2: H - P, stroke: '#8c959f' }),
    s('text', { x: 2, y: P }, String(max)), s('text', { x: 2, y: H - P }, '0'), axisDates(buckets));
  for (const [label, color] of [['negative', '#b42318'], ['neutral', '#57606a'], ['positive', '#1a7f37']]) {
    const pts = buckets.map((b, i) => [x(i), y(b.counts?.[label] ?? 0)]);
    svg.append(s('polyline', { points: pts.map(p => p.join(',')).join(' '), fill: 'none', stroke: color, 'stroke-width': 2 }));
    pts.forEach(([px, py], i) => svg.append(s('circle', { cx: px, cy: py, r: 3, fill: color, class: `point point-${label}` },
      s('title', {}, `${buckets[i].start} ${t(label)}: ${buckets[i].counts?.[label] ?? 0}`))));
  }
  return svg;
}

export const WINDOWS = [['1h', '#1a7f37'], ['6h', '#0a58ca'], ['24h', '#8250df']];

/** Share answered within 1 h / 6 h / 24 h per bucket: three bars per bucket that had needs-reply mentions (0-100%). */
export function responseChart(buckets) {
  const group = (W - 2 * P) / Math.max(1, buckets.length);
  const bar = group / (WINDOWS.length + 1);
  const y = v => H - P - v * (H - 2 * P);
  const bars = [];
  buckets.forEach((b, i) => WINDOWS.forEach(([key, color], j) => {
    const v = b.figures.answeredWithin[key];
    if (v === null || v === undefined) return;
    bars.push(s('rect', { x: P + i * group + j * bar, y: y(v), width: Math.max(1, bar - 0.5), height: Math.max(0.5, H - P - y(v)), fill: color, class: `bar bar-${key}` },
      s('title', {}, `${b.start} ${t('within', { h: key })}: ${percent(v)} (${b.figures.answered}/${b.figures.needsReply})`)));
  }));
  const legend = WINDOWS.map(([key, color], j) => [
    s('rect', { x: W - P - 210 + j * 70, y: 4, width: 10, height: 10, fill: color }),
    s('text', { x: W - P - 196 + j * 70, y: 13 }, t('within', { h: key }))]);
  return s('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', id: 'response-chart',
    'aria-label': `${t('responseTimes')}: ${bars.length} ${t('bars')}` },
  s('line', { x1: P, y1: H - P, x2: W - P, y2: H - P, stroke: '#8c959f' }),
  s('text', { x: 0, y: P }, '100%'), s('text', { x: 8, y: H - P }, '0%'), legend.flat(), axisDates(buckets), bars);
}
