import { useI18n } from '../../app/i18n';
import type { Week } from './types';

const W = 640;
const H = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 36 };

function shortDate(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'short' }).format(new Date(iso));
}

const percent = (r: number | null) => (r === null ? null : `${Math.round(r * 1000) / 10} %`);

/** The on-time rate week by week: a line over the weeks that closed something, a dot and a label per week. */
export function OnTimeChart({ weeks, title }: { weeks: Week[]; title: string }) {
  const { t, lang } = useI18n();
  if (weeks.every((w) => w.onTimeRate === null)) return <p className="hint">{t('sla.chartEmpty')}</p>;
  const step = weeks.length > 1 ? (W - PAD.left - PAD.right) / (weeks.length - 1) : 0;
  const x = (i: number) => PAD.left + (weeks.length > 1 ? i * step : (W - PAD.left - PAD.right) / 2);
  const y = (r: number) => PAD.top + (1 - r) * (H - PAD.top - PAD.bottom);
  const points = weeks.map((w, i) => (w.onTimeRate === null ? null : ([x(i), y(w.onTimeRate)] as const)));
  const path = points
    .filter((p): p is readonly [number, number] => p !== null)
    .map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`)
    .join(' ');
  const summary = weeks.map((w) => t('sla.week', { date: shortDate(w.weekStart, lang), rate: percent(w.onTimeRate) ?? t('sla.noRate') })).join('; ');
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title chart-desc">
      <title id="chart-title">{title}</title>
      <desc id="chart-desc">{summary}</desc>
      {[0, 0.25, 0.5, 0.75, 1].map((g) => (
        <g key={g}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(g)} y2={y(g)} className="grid" />
          <text x={PAD.left - 6} y={y(g) + 4} textAnchor="end" className="axis">
            {g * 100}%
          </text>
        </g>
      ))}
      <path d={path} className="line" />
      {weeks.map((w, i) => {
        const p = points[i];
        return (
          <g key={w.weekStart}>
            {p && (
              <circle cx={p[0]} cy={p[1]} r={4} className="dot">
                <title>{t('sla.week', { date: shortDate(w.weekStart, lang), rate: percent(w.onTimeRate)! })}</title>
              </circle>
            )}
            <text x={x(i)} y={H - 12} textAnchor="middle" className="axis">
              {shortDate(w.weekStart, lang)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export { percent };
