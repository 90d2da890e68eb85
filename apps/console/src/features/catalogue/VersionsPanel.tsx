import { useEffect, useState } from 'react';
import { ApiError, getJson } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { RowTable } from '../../components/ScrollTable';

interface Versions {
  versions: Array<{ version: number; latest: boolean; deployed: boolean; retired: boolean; inReview: number; awaitingApplicant: number; running: number }>;
}

/** For admins: every version of the permit type and the applications still running on each. */
export function VersionsPanel({ code }: { code: string }) {
  const { t } = useI18n();
  const { session } = useSession();
  const [data, setData] = useState<Versions>();
  const [failure, setFailure] = useState<string>();
  const admin = session?.role === 'admin';
  useEffect(() => {
    if (!admin) return;
    getJson<Versions>(`/v1/permit-types/${encodeURIComponent(code)}/versions`, session.token).then(setData, (e: unknown) =>
      setFailure(e instanceof ApiError ? e.message : t('track.error')),
    );
  }, [admin, code, session, t]);
  if (!admin) return null;
  return (
    <section aria-labelledby="versions">
      <h2 id="versions">{t('versions.title')}</h2>
      <p className="hint">{t('versions.lead')}</p>
      {failure && <p className="error" role="alert">{failure}</p>}
      {data && (
        <RowTable
          className="versions"
          columns={[t('versions.version'), t('versions.inReview'), t('versions.awaiting'), t('versions.running')]}
          rows={data.versions}
          rowKey={(v) => v.version}
          rowData={(v) => ({ 'data-version': v.version })}
          cells={(v) => [
            <>
              {v.version}
              {v.latest && ` (${t('versions.latest')})`}
              {v.retired && ` (${t('versions.retired')})`}
              {!v.deployed && ` (${t('versions.notDeployed')})`}
            </>,
            v.inReview,
            v.awaitingApplicant,
            v.running,
          ]}
        />
      )}
    </section>
  );
}
