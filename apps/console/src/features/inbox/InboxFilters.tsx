import { FormEvent, useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { LabelledSelect } from '../../components/LabelledSelect';
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
  // A step in the URL that the chosen permit type does not name stays shown, so the filter is visible.
  const stepChoices = steps.map((s) => ({ value: s.id, label: s.name }));
  if (query.step && !steps.some((s) => s.id === query.step)) stepChoices.push({ value: query.step, label: query.step });
  const applyOffice = (e: FormEvent) => {
    e.preventDefault();
    onChange('office', office.trim());
  };
  return (
    <form className="filters" onSubmit={applyOffice} aria-label={t('filter.title')}>
      <FilterSelect id="filter-permit-type" label={t('filter.permitType')} value={query.permitType} onChange={(v) => onChange('permitType', v)} choices={permitTypes.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))} />
      <FilterSelect id="filter-step" label={t('filter.step')} value={query.step} onChange={(v) => onChange('step', v)} choices={stepChoices} />
      <FilterSelect id="filter-due" label={t('filter.due')} value={query.due} onChange={(v) => onChange('due', v)} choices={DUE_WINDOWS.map((d) => ({ value: d, label: t(`filter.due.${d}`) }))} />
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

/** One filter: its label and a drop-down list whose first choice, "all", clears it. */
function FilterSelect(props: { id: string; label: string; value: string | undefined; onChange: (value: string) => void; choices: Array<{ value: string; label: string }> }) {
  const { t } = useI18n();
  return (
    <div>
      <LabelledSelect id={props.id} label={props.label} value={props.value ?? ''} onChange={props.onChange} choices={[{ value: '', label: t('filter.all') }, ...props.choices]} />
    </div>
  );
}
