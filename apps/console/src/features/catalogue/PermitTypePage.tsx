import { useEffect, useState } from 'react';
import { ApiError, getJson } from '../../app/api';
import { rupiah } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { BpmnDiagram } from './BpmnDiagram';
import { VersionsPanel } from './VersionsPanel';
import { durationText } from './duration';
import type { PermitType } from './types';
import { Section } from '../../components/Section';

export function PermitTypePage({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const [type, setType] = useState<PermitType>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    getJson<PermitType>(`/v1/permit-types/${encodeURIComponent(code)}`).then(setType, (e: unknown) =>
      setError(e instanceof ApiError && e.status === 404 ? t('notFound.title') : t('track.error')),
    );
  }, [code, t]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!type) return <p aria-live="polite">{t('track.loading')}</p>;
  return (
    <article className="permit-type">
      <p>
        <Link to="/layanan">← {t('catalogue.back')}</Link>
      </p>
      <h1>{lang === 'en' && type.nameEn ? type.nameEn : type.name}</h1>
      <p className="eyebrow">
        {type.code} · {t('catalogue.version')} {type.version}
      </p>
      {type.description && <p>{type.description}</p>}
      <dl className="facts">
        <dt>{t('track.fee')}</dt>
        <dd>
          {type.fee.amount === 0 ? t('track.free') : rupiah(type.fee.amount, lang)} · {t('track.legalBasis')}: {type.fee.legalBasis}
        </dd>
        <dt>{t('catalogue.deadline')}</dt>
        <dd>{durationText(type.deadline, t)}</dd>
      </dl>
      <Section id="documents" title={t('catalogue.documents')}>
        <ul>
          {type.requiredDocuments.map((d) => (
            <li key={d.type}>{d.name}</li>
          ))}
        </ul>
      </Section>
      <Section id="steps" title={t('catalogue.steps')}>
        <ol className="steps">
          {type.steps.map((s) => (
            <li key={s.id}>
              <strong>{s.name}</strong>
              <span>
                {s.agency} · {durationText(s.deadline, t)}
              </span>
            </li>
          ))}
        </ol>
      </Section>
      <Section id="diagram" title={t('catalogue.diagram')}>
        <BpmnDiagram url={`/v1/permit-types/${encodeURIComponent(type.code)}/bpmn?version=${type.version}`} title={type.name} />
      </Section>
      <VersionsPanel code={type.code} />
    </article>
  );
}
