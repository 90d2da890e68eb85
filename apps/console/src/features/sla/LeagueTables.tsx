import { useI18n } from '../../app/i18n';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { percent } from './OnTimeChart';
import type { AgencyRow, OfficeRow } from './types';

/** How many offices the wall lists: the worst first; the full table is the report (GET /v1/reports/sla/offices). */
const OFFICES_SHOWN = 10;

interface LeagueRow {
  key: string;
  name: string;
  onTimeRate: number | null;
  breaches: number;
  openOverdue: number;
}

/** One league: rank, name, on-time rate, breaches and open overdue tasks, in the order given (worst first). */
function League({ id, title, rows }: { id: string; title: string; rows: LeagueRow[] }) {
  const { t } = useI18n();
  return (
    <Section id={id} title={title}>
      <ScrollTable className="league" columns={[t('sla.rank'), t('sla.name'), t('sla.onTimeRate'), t('sla.breaches'), t('sla.openOverdue')]}>
        {rows.map((r, i) => (
          <tr key={r.key}>
            <td>{i + 1}</td>
            <th scope="row">{r.name}</th>
            <td>{percent(r.onTimeRate) ?? '—'}</td>
            <td>{r.breaches}</td>
            <td>{r.openOverdue}</td>
          </tr>
        ))}
      </ScrollTable>
    </Section>
  );
}

export function LeagueTables({ agencies, offices }: { agencies: AgencyRow[]; offices: OfficeRow[] }) {
  const { t } = useI18n();
  return (
    <>
      <League
        id="league-agencies"
        title={t('sla.agencies')}
        rows={agencies.map((a) => ({ key: a.agency, name: a.name ?? a.agency, onTimeRate: a.onTimeRate, breaches: a.breaches, openOverdue: a.openOverdue }))}
      />
      <League
        id="league-offices"
        title={t('sla.offices')}
        rows={offices.slice(0, OFFICES_SHOWN).map((o) => ({ key: o.office, name: o.name, onTimeRate: o.onTimeRate, breaches: o.handOff.breaches + o.fieldSteps.breaches, openOverdue: o.openOverdue }))}
      />
    </>
  );
}
