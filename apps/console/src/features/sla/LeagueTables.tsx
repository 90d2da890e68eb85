import { useI18n } from '../../app/i18n';
import { percent } from './OnTimeChart';
import type { AgencyRow, OfficeRow } from './types';

/** How many offices the wall lists: the worst first; the full table is the report (GET /v1/reports/sla/offices). */
const OFFICES_SHOWN = 10;

export function LeagueTables({ agencies, offices }: { agencies: AgencyRow[]; offices: OfficeRow[] }) {
  const { t } = useI18n();
  return (
    <>
      <section aria-labelledby="league-agencies">
        <h2 id="league-agencies">{t('sla.agencies')}</h2>
        <div className="table-scroll">
          <table className="league">
            <thead>
              <tr>
                <th scope="col">{t('sla.rank')}</th>
                <th scope="col">{t('sla.name')}</th>
                <th scope="col">{t('sla.onTimeRate')}</th>
                <th scope="col">{t('sla.breaches')}</th>
                <th scope="col">{t('sla.openOverdue')}</th>
              </tr>
            </thead>
            <tbody>
              {agencies.map((a, i) => (
                <tr key={a.agency}>
                  <td>{i + 1}</td>
                  <th scope="row">{a.name ?? a.agency}</th>
                  <td>{percent(a.onTimeRate) ?? '—'}</td>
                  <td>{a.breaches}</td>
                  <td>{a.openOverdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="league-offices">
        <h2 id="league-offices">{t('sla.offices')}</h2>
        <div className="table-scroll">
          <table className="league">
            <thead>
              <tr>
                <th scope="col">{t('sla.rank')}</th>
                <th scope="col">{t('sla.name')}</th>
                <th scope="col">{t('sla.onTimeRate')}</th>
                <th scope="col">{t('sla.breaches')}</th>
                <th scope="col">{t('sla.openOverdue')}</th>
              </tr>
            </thead>
            <tbody>
              {offices.slice(0, OFFICES_SHOWN).map((o, i) => (
                <tr key={o.office}>
                  <td>{i + 1}</td>
                  <th scope="row">{o.name}</th>
                  <td>{percent(o.onTimeRate) ?? '—'}</td>
                  <td>{o.handOff.breaches + o.fieldSteps.breaches}</td>
                  <td>{o.openOverdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
