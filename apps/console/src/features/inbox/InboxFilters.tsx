import { FormEvent, useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n';
import type { PermitType } from '../catalogue/types';
import { DUE_WINDOWS, type Filter, type InboxQuery } from './query';

/**
 * Filters by permit type, step, office and due window. Each change is applied at once (and lands in the
 * URL); the office is typed, so it is applied with its own button or Enter. An approver whose token names
 * an office has only that office: the field is not offered.
 */
export function InboxFilters({ query, permitTypes, fixedOffice, onChange }: { query: InboxQuery; permitTypes: PermitType[]; fixedOffice?: string; onChange: (filter: Filter, value: string) => void }) {
  const { t } = useI18n();
  const [office, setOffice] = useState(query.office ?? '');
  useEffect(() => setOffice(query.office ?? ''), [query.office]);
  const steps = permitTypes.find((p) => p.code === query.permitType)?.steps ?? [];
  const applyOffice = (e: FormEvent) => {
    e.preventDefault();
    onChange('office', office.trim());
  };
  return (
    <form className="filters" onSubmit={applyOffice} aria-label={t('filter.title')}>
      <div>
        <label htmlFor="filter-permit-type">{t('filter.permitType')}</label>
        <select id="filter-permit-type" value={query.permitType ?? ''} onChange={(e) => onChange('permitType', e.target.value)}>
          <option value="">{t('filter.all')}</option>
          {permitTypes.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name} ({p.code})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-step">{t('filter.step')}</label>
        <select id="filter-step" value={query.step ?? ''} onChange={(e) => onChange('step', e.target.value)}>
          <option value="">{t('filter.all')}</option>
          {steps.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
          {query.step && !steps.some((s) => s.id === query.step) && <option value={query.step}>{query.step}</option>}
        </select>
      </div>
      <div>
        <label htmlFor="filter-due">{t('filter.due')}</label>
        <select id="filter-due" value={query.due ?? ''} onChange={(e) => onChange('due', e.target.value)}>
          <option value="">{t('filter.all')}</option>
          {DUE_WINDOWS.map((d) => (
            <option key={d} value={d}>
              {t(`filter.due.${d}`)}
            </option>
          ))}
        </select>
      </div>
      {!fixedOffice && (
        <div>
          <label htmlFor="filter-office">{t('filter.office')}</label>
          <span className="row">
            <input id="filter-office" value={office} onChange={(e) => setOffice(e.target.value)} placeholder="kel-31.71.01.1001" spellCheck={false} />
            <button type="submit" className="button secondary">
              {t('filter.apply')}
            </button>
          </span>
        </div>
      )}
    </form>
  );
}
