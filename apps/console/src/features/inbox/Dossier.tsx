import { useEffect, useState } from 'react';
import { getJson } from '../../app/api';
import { jakartaDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import type { InboxTask } from './types';
import { Section } from '../../components/Section';

interface Schema {
  properties?: Record<string, { title?: string; description?: string }>;
}

/** Labels for the data from the permit type's dataSchema: its titles or descriptions, else the field name. */
function labelOf(schema: Schema | undefined, field: string): string {
  const p = schema?.properties?.[field];
  return p?.title ?? p?.description ?? field;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The application's data, documents and applicant, for the officer who must verify them (each read is audited). */
export function Dossier({ task, version }: { task: InboxTask; version?: number }) {
  const { t, lang } = useI18n();
  const [schema, setSchema] = useState<Schema>();
  useEffect(() => {
    if (!version) return;
    getJson<{ dataSchema: Schema }>(`/v1/permit-types/${encodeURIComponent(task.permitType)}?version=${version}`).then((d) => setSchema(d.dataSchema), () => undefined);
  }, [task.permitType, version]);
  const dossier = task.application;
  if (!dossier) return null;
  // The last answer to a revision request: what the applicant changed since the step asked.
  const latest = dossier.resubmissions?.[dossier.resubmissions.length - 1];
  const changedField = new Set(latest?.changedFields ?? []);
  const changedDocument = new Set(latest?.changedDocuments ?? []);
  const changedBadge = <span className="badge badge-changed">{t('task.changed')}</span>;
  return (
    <Section id="dossier" title={t('task.dossier')} className="dossier">
      <p className="hint">{t('task.audited')}</p>
      {latest && (
        <div className="resubmission" role="note" aria-label={t('task.resubmitted', { at: jakartaDateTime(latest.at, lang) })}>
          <h3>{t('task.resubmitted', { at: jakartaDateTime(latest.at, lang) })}</h3>
          {latest.note && <p>“{latest.note}”</p>}
          {latest.changedFields.length + latest.changedDocuments.length === 0 ? (
            <p>{t('task.nothingChanged')}</p>
          ) : (
            <dl className="facts">
              {latest.changedFields.length > 0 && (
                <>
                  <dt>{t('task.changedFields')}</dt>
                  <dd className="changed-fields">{latest.changedFields.map((f) => labelOf(schema, f)).join(', ')}</dd>
                </>
              )}
              {latest.changedDocuments.length > 0 && (
                <>
                  <dt>{t('task.changedDocuments')}</dt>
                  <dd className="changed-documents">{latest.changedDocuments.join(', ')}</dd>
                </>
              )}
            </dl>
          )}
        </div>
      )}
      <h3>{t('task.applicant')}</h3>
      <dl className="facts">
        <dt>{t('task.name')}</dt>
        <dd>{dossier.applicant.name}</dd>
        <dt>NIK</dt>
        <dd className="code">{dossier.applicant.nik}</dd>
        {dossier.applicant.phone && (
          <>
            <dt>{t('task.phone')}</dt>
            <dd>{dossier.applicant.phone}</dd>
          </>
        )}
        {dossier.applicant.email && (
          <>
            <dt>Email</dt>
            <dd>{dossier.applicant.email}</dd>
          </>
        )}
      </dl>
      <h3>{t('task.data')}</h3>
      <dl className="facts">
        {Object.entries(dossier.data).map(([field, value]) => (
          <div key={field} className="contents">
            <dt>{labelOf(schema, field)}</dt>
            <dd>
              {show(value)} {changedField.has(field) && changedBadge}
            </dd>
          </div>
        ))}
      </dl>
      <h3>{t('catalogue.documents')}</h3>
      {dossier.documents.length === 0 ? (
        <p>{t('task.noDocuments')}</p>
      ) : (
        <ul>
          {dossier.documents.map((d) => (
            <li key={`${d.type}-${d.sha256}`}>
              <a href={d.url} target="_blank" rel="noreferrer noopener">
                {d.type}
              </a>{' '}
              <span className="hint code">sha256 {d.sha256.slice(0, 16)}…</span> {changedDocument.has(d.type) && changedBadge}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
