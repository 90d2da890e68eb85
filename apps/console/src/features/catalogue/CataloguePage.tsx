import { useEffect, useState } from 'react';
import { getJson } from '../../app/api';
import { rupiah } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { durationText } from './duration';
import type { PermitType } from './types';

export function CataloguePage() {
  const { t, lang } = useI18n();
  const [types, setTypes] = useState<PermitType[]>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    getJson<{ items: PermitType[] }>('/v1/permit-types').then((r) => setTypes(r.items), () => setFailed(true));
  }, []);
  return (
    <>
      <h1>{t('catalogue.title')}</h1>
      <p>{t('catalogue.lead')}</p>
      {failed && <p className="error" role="alert">{t('track.error')}</p>}
      {!types && !failed && <p aria-live="polite">{t('track.loading')}</p>}
      <ul className="cards">
        {types?.map((p) => (
          <li key={p.code} className="card">
            <h2>
              <Link to={`/layanan/${p.code}`}>{lang === 'en' && p.nameEn ? p.nameEn : p.name}</Link>
            </h2>
            <p className="eyebrow">{p.code}</p>
            <dl>
              <dt>{t('track.fee')}</dt>
              <dd>{p.fee.amount === 0 ? t('track.free') : rupiah(p.fee.amount, lang)}</dd>
              <dt>{t('catalogue.deadline')}</dt>
              <dd>{durationText(p.deadline, t)}</dd>
              <dt>{t('catalogue.steps')}</dt>
              <dd>{p.steps.length}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
