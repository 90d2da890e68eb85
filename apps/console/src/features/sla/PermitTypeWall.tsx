import { useMemo, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { Link, useRouter } from '../../app/router';
import { BpmnDiagram } from '../catalogue/BpmnDiagram';
import type { PermitType } from '../catalogue/types';
import { stepDecorator } from './decorate';
import { countsByStep, heatOf, inboxLink, StepCount, totals, versionsToShow } from './heat';

/** One permit type on the wall: its diagram with the counts on every step, and the same counts as a table. */
export function PermitTypeWall({ type, items }: { type: PermitType; items: StepCount[] }) {
  const { t, lang } = useI18n();
  const { navigate } = useRouter();
  const versions = versionsToShow(items, type.code, type.version);
  const [chosen, setChosen] = useState(type.version);
  const version = versions.includes(chosen) ? chosen : type.version;
  const counts = useMemo(() => countsByStep(items, type.code, version), [items, type.code, version]);
  const decorate = useMemo(() => stepDecorator(type.code, counts, navigate, t), [type.code, counts, navigate, t]);
  const sum = totals(items, type.code);
  const name = lang === 'en' && type.nameEn ? type.nameEn : type.name;
  const rows = [...counts.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open);
  return (
    <section className={`wall-type heat-${heatOf(sum)}`} aria-labelledby={`wall-${type.code}`} data-permit-type={type.code}>
      <h2 id={`wall-${type.code}`}>
        {name} <span className="eyebrow">{type.code}</span>
      </h2>
      <p className="wall-totals">{t('sla.totals', sum)}</p>
      {versions.length > 1 && (
        <p className="row" role="group" aria-label={t('catalogue.version')}>
          {versions.map((v) => {
            const vt = totals(items, type.code, v);
            return (
              <button key={v} type="button" className={`button ${v === version ? '' : 'secondary'}`} aria-pressed={v === version} onClick={() => setChosen(v)}>
                {t('sla.version', { v })} · {vt.open}/{vt.overdue}
              </button>
            );
          })}
        </p>
      )}
      <BpmnDiagram key={version} url={`/v1/permit-types/${encodeURIComponent(type.code)}/bpmn?version=${version}`} title={`${name}, ${t('sla.version', { v: version })}`} decorate={decorate} />
      {rows.length === 0 ? (
        <p className="hint">{t('sla.noOpen')}</p>
      ) : (
        <details>
          <summary>{t('sla.stepsTable')}</summary>
          <ul className="wall-steps">
            {rows.map((r) => (
              <li key={r.stepId}>
                <Link to={inboxLink(type.code, r.stepId)}>{r.stepName ?? r.stepId}</Link>: {r.open} {t('sla.open')}, {r.overdue} {t('sla.overdue')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
