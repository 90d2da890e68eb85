// Story: management reads June 2026. The read model holds a fixed month (test/reports/fixture.ts);
// every figure the reports give is worked out by hand below, next to the rows it comes from.
import { ReportsService } from '../../apps/api/src/reports/reports.service';
import { bucketBounds, MINUTE_BUCKETS } from '../../apps/api/src/reports/shared/percentiles';
import { parseReportRange } from '../../apps/api/src/reports/shared/report-range';
import { loadJuneFixture, wib } from './fixture';
import { reportsSuite } from './support';

const JUNE = 'from=2026-06-01&to=2026-06-30';

describe('Accountability reports on a fixed month', () => {
  const june = reportsSuite('reports_fixture', loadJuneFixture);

  describe('the agency league table', () => {
    // DLH:       nothing closed, D1 overdue (due 25 Jun): ranks first. Escalations E7, E8.
    // KELURAHAN: K1 (600 > 450), K2 (451 > 450) late: 0 of 2. Attempt minutes [451, 600]:
    //            median (nearest rank) 451 min = 7.52 h, p90 600 min = 10 h. Escalation E6.
    // DCKTRP:    decided T1 300 ok, T2 1000 late, T3 450 ok (revision), T3B 500 (950 > 900) late, T4 899.5 ok;
    //            T5 cancelled a day after its due: late; T6 is July. On time 3, breaches 3: 0.5.
    //            Attempt minutes rounded up [300, 1000, 450, 500, 900] sorted [300, 450, 500, 900, 1000]:
    //            median 500 = 8.33 h, p90 1000 = 16.67 h. Open overdue T7 and T9 (T8 due 2099); oldest T9.
    //            Escalations E1-E4 (E5 is May): reminder 2, section_head 1, governor 1.
    // DINKES:    U1 100, U2 200 on time; U3 deemed before its due (not a breach), U4 deemed after it (breach):
    //            2 / 3 = 0.6667; deemed grants 2; median 100 = 1.67 h, p90 200 = 3.33 h.
    const expected = [
      {
        agency: 'DLH',
        name: 'Dinas Lingkungan Hidup',
        tasksDecided: 0,
        onTime: 0,
        breaches: 0,
        onTimeRate: null,
        openOverdue: 1,
        medianBusinessHours: null,
        p90BusinessHours: null,
        escalations: 2,
        escalationsByRung: { reminder: 1, section_head: 1 },
        deemedGrants: 0,
        oldest: 'D1',
      },
      {
        agency: 'KELURAHAN',
        name: 'Kantor Kelurahan',
        tasksDecided: 2,
        onTime: 0,
        breaches: 2,
        onTimeRate: 0,
        openOverdue: 0,
        medianBusinessHours: 7.52,
        p90BusinessHours: 10,
        escalations: 1,
        escalationsByRung: { section_head: 1 },
        deemedGrants: 0,
        oldest: null,
      },
      {
        agency: 'DCKTRP',
        name: 'Dinas Cipta Karya, Tata Ruang dan Pertanahan',
        tasksDecided: 5,
        onTime: 3,
        breaches: 3,
        onTimeRate: 0.5,
        openOverdue: 2,
        medianBusinessHours: 8.33,
        p90BusinessHours: 16.67,
        escalations: 4,
        escalationsByRung: { reminder: 2, section_head: 1, governor: 1 },
        deemedGrants: 0,
        oldest: 'T9',
      },
      {
        agency: 'DINKES',
        name: 'Dinas Kesehatan',
        tasksDecided: 2,
        onTime: 2,
        breaches: 1,
        onTimeRate: 0.6667,
        openOverdue: 0,
        medianBusinessHours: 1.67,
        p90BusinessHours: 3.33,
        escalations: 0,
        escalationsByRung: {},
        deemedGrants: 2,
        oldest: null,
      },
    ];

    it('ranks the agencies worst first with every figure as computed by hand', async () => {
      const res = await june.api.http('GET', `/v1/reports/sla/agencies?${JUNE}`, { token: june.admin });
      expect(res.status).toBe(200);
      expect(res.body.from).toBe('2026-05-31T17:00:00.000Z');
      expect(res.body.to).toBe('2026-06-30T17:00:00.000Z');
      expect(res.body.agencies.map((a: { agency: string }) => a.agency)).toEqual(['DLH', 'KELURAHAN', 'DCKTRP', 'DINKES']);
      for (const [i, { oldest, ...figures }] of expected.entries()) {
        expect(res.body.agencies[i]).toMatchObject(figures);
        expect(res.body.agencies[i].oldestOverdue?.taskId ?? null).toBe(oldest);
      }
      expect(res.body.agencies[2].oldestOverdue).toMatchObject({
        taskId: 'T9',
        applicationId: 'HSLF',
        trackingCode: 'TRK-HSLF',
        agency: 'DCKTRP',
        officeId: 'kota-31.74',
        dueAt: '2026-06-15T09:00:00.000Z',
      });
    });

    it('counts whole days overdue at the moment the report is read', async () => {
      const reports = new ReportsService(june.scratch.db);
      const report = await reports.agencies({ range: parseReportRange('2026-06-01', '2026-06-30'), asOf: wib('2026-07-01 00:00') });
      // T9 due 15 Jun 16:00 WIB: 15 days 8 hours before 1 Jul 00:00. D1 due 25 Jun 16:00: 5 days 8 hours.
      expect(report.agencies.find((a) => a.agency === 'DCKTRP')!.oldestOverdue!.daysOverdue).toBe(15);
      expect(report.agencies.find((a) => a.agency === 'DLH')!.oldestOverdue!.daysOverdue).toBe(5);
      // On 16 Jun at noon only T9 was overdue (T7 due 20 Jun, D1 due 25 Jun).
      const earlier = await reports.agencies({ range: parseReportRange('2026-06-01', '2026-06-30'), asOf: wib('2026-06-16 12:00') });
      expect(earlier.agencies.find((a) => a.agency === 'DCKTRP')!.openOverdue).toBe(1);
      expect(earlier.agencies.find((a) => a.agency === 'DLH')).toMatchObject({ openOverdue: 0 });
    });

    it('narrows to one permit type', async () => {
      // PBG: T1 (on time), T2 (late) of DCKTRP, median of [300, 1000] is 300 = 5 h; escalation E1 only.
      // DLH's D1 and its escalations E7, E8 are on the PBG holder.
      const res = await june.api.http('GET', `/v1/reports/sla/agencies?${JUNE}&permitType=PBG`, { token: june.admin });
      expect(res.status).toBe(200);
      expect(res.body.permitType).toBe('PBG');
      expect(res.body.agencies).toEqual([
        expect.objectContaining({ agency: 'DLH', openOverdue: 1, escalations: 2, onTimeRate: null }),
        expect.objectContaining({ agency: 'DCKTRP', tasksDecided: 2, onTime: 1, breaches: 1, onTimeRate: 0.5, openOverdue: 0, medianBusinessHours: 5, p90BusinessHours: 16.67, escalations: 1 }),
      ]);
    });

    it('answers CSV for Accept: text/csv, one row per agency in rank order', async () => {
      const res = await june.api.http('GET', `/v1/reports/sla/agencies?${JUNE}`, { token: june.admin, headers: { accept: 'text/csv' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = res.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'rank,agency,name,tasksDecided,onTime,breaches,onTimeRate,openOverdue,oldestOverdueDueAt,oldestOverdueTask,medianBusinessHours,p90BusinessHours,escalations,deemedGrants,' +
          'escalations_reminder,escalations_section_head,escalations_governor',
      );
      expect(lines[1]).toBe('1,DLH,Dinas Lingkungan Hidup,0,0,0,,1,2026-06-25T09:00:00.000Z,D1,,,2,0,1,1,0');
      expect(lines[3]).toBe('3,DCKTRP,"Dinas Cipta Karya, Tata Ruang dan Pertanahan",5,3,3,0.5,2,2026-06-15T09:00:00.000Z,T9,8.33,16.67,4,0,2,1,1');
      expect(lines).toHaveLength(5);
    });
  });

  describe('the office league table', () => {
    // kel-31.74.01.1001 (Tebet Timur): received A1, A2, A3 in June (A7 came in May). Closed A1 (2000 <= 2250),
    //   A2 (2300 > 2250), A3 (deemed), A7 (500 > 450): on time 1, breaches 3. Intake to hand-off
    //   [2000, 2300, 1350 (a deemed grant counts the legal deadline), 500] sorted [500, 1350, 2000, 2300]:
    //   median 1350 = 22.5 h, p90 2300 = 38.33 h. Field steps: the kelurahan's K1, K2, both late.
    //   Together (1 + 0) / (1 + 0 + 3 + 2) = 0.1667.
    // outlet-mpp-jakarta: received A4, A5, A6; closed A4 in 100.4 min, rounded up 101 = 1.68 h; A5 overdue.
    // kota-31.74 holds DCKTRP's steps (0.5, two overdue); kota-31.71 DINKES's (0.6667); prov-31 DLH's D1.
    // The mall received 40 and closed none: nothing to rank it by, last.
    it('ranks the receiving offices worst first, with intake to hand-off and the field steps they hold', async () => {
      const res = await june.api.http('GET', `/v1/reports/sla/offices?${JUNE}`, { token: june.admin });
      expect(res.status).toBe(200);
      expect(res.body.offices.map((o: { office: string }) => o.office)).toEqual([
        'prov-31',
        'kel-31.74.01.1001',
        'kota-31.74',
        'kota-31.71',
        'outlet-mpp-jakarta',
        'outlet-mall-kota-kasablanka',
      ]);
      const [prov, kel, kota74, kota71, mpp, mall] = res.body.offices;
      expect(prov).toMatchObject({ onTimeRate: null, openOverdue: 1, handOff: { received: 0, closed: 0 }, fieldSteps: { openOverdue: 1, escalations: 2 } });
      expect(kel).toMatchObject({
        type: 'kelurahan',
        kecamatan: 'kec-31.74.01',
        onTimeRate: 0.1667,
        openOverdue: 0,
        handOff: { received: 3, closed: 4, onTime: 1, breaches: 3, onTimeRate: 0.25, openOverdue: 0, medianBusinessHours: 22.5, p90BusinessHours: 38.33, deemedGrants: 1 },
        fieldSteps: { tasksDecided: 2, onTime: 0, breaches: 2, onTimeRate: 0, medianBusinessHours: 7.52, p90BusinessHours: 10, escalations: 1 },
      });
      expect(kota74).toMatchObject({ kecamatan: null, onTimeRate: 0.5, openOverdue: 2, fieldSteps: { tasksDecided: 5, onTime: 3, breaches: 3, escalations: 4 } });
      expect(kota71).toMatchObject({ onTimeRate: 0.6667, fieldSteps: { deemedGrants: 2 } });
      expect(mpp).toMatchObject({
        kecamatan: 'kec-31.74.02',
        onTimeRate: 1,
        openOverdue: 1,
        handOff: { received: 3, closed: 1, onTime: 1, breaches: 0, onTimeRate: 1, openOverdue: 1, medianBusinessHours: 1.68, p90BusinessHours: 1.68 },
      });
      expect(mall).toMatchObject({ kecamatan: 'kec-31.74.01', onTimeRate: null, openOverdue: 0, handOff: { received: 40, closed: 0 } });
    });

    it('answers CSV too', async () => {
      const res = await june.api.http('GET', `/v1/reports/sla/offices?${JUNE}`, { token: june.admin, headers: { accept: 'text/csv' } });
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = res.text.trimEnd().split('\r\n');
      expect(lines).toHaveLength(7);
      expect(lines[2]).toBe('2,kel-31.74.01.1001,PTSP Kelurahan Tebet Timur,kelurahan,kec-31.74.01,0.1667,0,3,4,1,3,0.25,0,22.5,38.33,1,2,0,2,0,0,7.52,10,1,0');
    });
  });

  describe('points', () => {
    // o1: T1, T4 on time: 1 + 1 = 2. o4: U1, U2 on time: 2. o2: T2 late 100 of 900 (0.89), T3B late 50 of 900
    // (0.94): 1.83 (T6 is July). o3: K1 late 150 of 450 (0.67), K2 late 1 of 450 (1.00 rounded): 1.67.
    it('ranks officers by points, ties by name', async () => {
      const res = await june.api.http('GET', `/v1/reports/points?by=officer&${JUNE}`, { token: june.admin });
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        { key: 'o1', name: null, agency: 'DCKTRP', offices: ['kota-31.74'], steps: 2, onTime: 2, late: 0, points: 2 },
        { key: 'o4', name: null, agency: 'DINKES', offices: ['kota-31.71'], steps: 2, onTime: 2, late: 0, points: 2 },
        { key: 'o2', name: null, agency: 'DCKTRP', offices: ['kota-31.74'], steps: 2, onTime: 0, late: 2, points: 1.83 },
        { key: 'o3', name: null, agency: 'KELURAHAN', offices: ['kel-31.74.01.1001'], steps: 2, onTime: 0, late: 2, points: 1.67 },
      ]);
      expect(res.body.nextCursor).toBeNull();
    });

    it('adds up by agency and by office', async () => {
      const byAgency = await june.api.http('GET', `/v1/reports/points?by=agency&${JUNE}`, { token: june.admin });
      expect(byAgency.body.items.map((r: { key: string; points: number; steps: number }) => [r.key, r.points, r.steps])).toEqual([
        ['DCKTRP', 3.83, 4],
        ['DINKES', 2, 2],
        ['KELURAHAN', 1.67, 2],
      ]);
      const byOffice = await june.api.http('GET', `/v1/reports/points?by=office&${JUNE}`, { token: june.admin });
      expect(byOffice.body.items.map((r: { key: string; name: string; points: number }) => [r.key, r.name, r.points])).toEqual([
        ['kota-31.74', 'PTSP Kota Administrasi Jakarta Selatan', 3.83],
        ['kota-31.71', 'PTSP Kota Administrasi Jakarta Pusat', 2],
        ['kel-31.74.01.1001', 'PTSP Kelurahan Tebet Timur', 1.67],
      ]);
    });

    it('filters by agency and pages with a cursor', async () => {
      const first = await june.api.http('GET', `/v1/reports/points?by=officer&${JUNE}&agency=DCKTRP&limit=1`, { token: june.admin });
      expect(first.body.items.map((r: { key: string }) => r.key)).toEqual(['o1']);
      const second = await june.api.http('GET', `/v1/reports/points?by=officer&${JUNE}&agency=DCKTRP&limit=1&cursor=${first.body.nextCursor}`, { token: june.admin });
      expect(second.body.items.map((r: { key: string; points: number }) => [r.key, r.points])).toEqual([['o2', 1.83]]);
      expect(second.body.nextCursor).toBeNull();
    });
  });

  describe('staffing and opening hours', () => {
    // June 2026 has 22 weekdays; 1 Jun (Pancasila) and 16 Jun (1 Muharam) are holidays: 20 working days.
    // It starts on a Monday: 5 Mondays and 5 Tuesdays, 4 of every other weekday.
    it('Tebet Timur: three arrivals, one officer an hour is plenty, a candidate to merge', async () => {
      // Tuesday 09h: A1, A2 over 5 Tuesdays = 0.4 an hour. S = 30 min (μ = 2/h), a = 0.2, C(1, 0.2) = 0.2,
      // wait = 0.2 / (2 − 0.4) h = 7.5 min. Wednesday 14h: A3 over 4 = 0.25 an hour, a = 0.125,
      // wait = 0.125 / (2 − 0.25) h = 4.29 min. Fewer than one arrival a day: no opening hours suggested.
      const res = await june.api.http('GET', `/v1/reports/offices/kel-31.74.01.1001/load?${JUNE}&serviceMinutes=30`, { token: june.admin });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ arrivals: 3, workingDays: 20, arrivalsPerWorkingDay: 0.15, serviceMinutes: 30, serviceMinutesSource: 'query', targetWaitMinutes: 15, mergeCandidate: true });
      expect(res.body.arrivalsByWeekdayHour.tue[9]).toBe(2);
      expect(res.body.arrivalsByWeekdayHour.wed[14]).toBe(1);
      const tue = res.body.weekdays.find((w: { weekday: string }) => w.weekday === 'tue');
      expect(tue).toEqual({ weekday: 'tue', occurrences: 5, arrivals: 2, suggestedHours: null, hours: [{ hour: '09:00', arrivals: 2, arrivalsPerHour: 0.4, officers: 1, expectedWaitMinutes: 7.5 }] });
      const wed = res.body.weekdays.find((w: { weekday: string }) => w.weekday === 'wed');
      expect(wed.hours).toEqual([{ hour: '14:00', arrivals: 1, arrivalsPerHour: 0.25, officers: 1, expectedWaitMinutes: 4.29 }]);
    });

    it('the Kota Kasablanka mall on Saturdays: Erlang C officers per hour and 11:00-14:00 opening', async () => {
      // 40 arrivals, all on the 4 Saturdays. 90 % of 40 = 36: 11h-14h holds 3 + 4 + 2 = 9 a Saturday = 36.
      // S = 30 min, target 15 min:
      //   10h: λ = 1, a = 0.5:  one officer waits 0.5 / (2 − 1) h = 30 min; two: C(2, 0.5) = 0.1, 0.1 / (4 − 1) h = 2 min.
      //   11h: λ = 3, a = 1.5:  two: C = 9/14, (9/14) / (4 − 3) h = 38.57 min; three: C = 9/38, (9/38) / (6 − 3) h = 4.74 min.
      //   12h: λ = 4, a = 2:    three: C = 4/9, (4/9) / (6 − 4) h = 13.33 min.
      //   13h: λ = 2, a = 1:    two: C = 1/3, (1/3) / (4 − 2) h = 10 min.
      // 40 / 20 working days = 2 a day: not below 2, not a merge candidate.
      const res = await june.api.http('GET', `/v1/reports/offices/outlet-mall-kota-kasablanka/load?${JUNE}&serviceMinutes=30`, { token: june.admin });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ arrivals: 40, arrivalsPerWorkingDay: 2, mergeCandidate: false });
      const sat = res.body.weekdays.find((w: { weekday: string }) => w.weekday === 'sat');
      expect(sat.suggestedHours).toEqual({ open: '11:00', close: '14:00', coverage: 0.9 });
      expect(sat.hours.map((h: { hour: string; officers: number; expectedWaitMinutes: number }) => [h.hour, h.officers, h.expectedWaitMinutes])).toEqual([
        ['10:00', 2, 2],
        ['11:00', 3, 4.74],
        ['12:00', 3, 13.33],
        ['13:00', 2, 10],
      ]);
      expect(res.body.weekdays.filter((w: { suggestedHours: unknown }) => w.suggestedHours !== null).map((w: { weekday: string }) => w.weekday)).toEqual(['sat']);
    });

    it('observes the service time from the office officers when they decided enough: 2 officer-days, 2 decisions', async () => {
      // K1 (15 Jun) and K2 (17 Jun) by o3: 2 officer-days × 450 min / 2 decisions = 450 min each.
      const reports = new ReportsService(june.scratch.db, { minObservedDecisions: 2 });
      const load = await reports.officeLoad({ officeId: 'kel-31.74.01.1001', range: parseReportRange('2026-06-01', '2026-06-30') });
      expect([load.serviceMinutes, load.serviceMinutesSource]).toEqual([450, 'observed']);
      const fallback = await june.api.http('GET', `/v1/reports/offices/kel-31.74.01.1001/load?${JUNE}`, { token: june.admin });
      expect([fallback.body.serviceMinutes, fallback.body.serviceMinutesSource]).toEqual([20, 'default']);
    });

    it('lists the offices to merge: every kelurahan, kecamatan and outlet under 2 a working day', async () => {
      const res = await june.api.http('GET', `/v1/reports/offices/merge-candidates?${JUNE}`, { token: june.admin });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ workingDays: 20, threshold: 2 });
      const ids = res.body.offices.map((o: { office: string }) => o.office);
      // 267 kelurahan + 44 kecamatan + 8 outlets, less the mall at exactly 2 a day.
      expect(ids).toHaveLength(318);
      expect(ids).not.toContain('outlet-mall-kota-kasablanka');
      expect(ids).not.toContain('kota-31.74');
      expect(res.body.offices.find((o: { office: string }) => o.office === 'kel-31.74.01.1001')).toMatchObject({ arrivals: 3, arrivalsPerWorkingDay: 0.15 });
      expect(res.body.offices[res.body.offices.length - 1]).toMatchObject({ office: 'outlet-mpp-jakarta', arrivals: 3 });
    });
  });

  describe('complaints', () => {
    // In June: Tebet Timur 2 (one illegal fee), Tebet Barat 1 (illegal fee), kecamatan Tebet 1, the MPP 1.
    // Kecamatan Tebet: 2 + 1 + 1 = 4 over three offices, 2 illegal fees. Setiabudi (the MPP's): 1.
    it('counts and ranks complaints per office and per kecamatan', async () => {
      const res = await june.api.http('GET', `/v1/reports/complaints?${JUNE}`, { token: june.admin });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(5);
      expect(res.body.offices.map((o: { office: string; complaints: number; illegalFee: number }) => [o.office, o.complaints, o.illegalFee])).toEqual([
        ['kel-31.74.01.1001', 2, 1],
        ['kel-31.74.01.1002', 1, 1],
        ['kec-31.74.01', 1, 0],
        ['outlet-mpp-jakarta', 1, 0],
      ]);
      // Per 100 applications received in June: Tebet Timur 2 of 3 = 66.67, the MPP 1 of 3 = 33.33.
      expect(res.body.offices[0]).toMatchObject({ byCategory: { illegal_fee: 1, slow_service: 1 }, byChannel: { sms: 1, web: 1 }, applicationsReceived: 3, per100Applications: 66.67 });
      expect(res.body.offices[3]).toMatchObject({ kecamatan: 'kec-31.74.02', per100Applications: 33.33 });
      expect(res.body.kecamatan).toEqual([
        { kecamatan: 'kec-31.74.01', name: 'PTSP Kecamatan Tebet', complaints: 4, illegalFee: 2, offices: 3 },
        { kecamatan: 'kec-31.74.02', name: 'PTSP Kecamatan Setiabudi', complaints: 1, illegalFee: 0, offices: 1 },
      ]);
    });
  });

  describe('the monthly rollups', () => {
    // Whole Jakarta months come from the rollup tables the triggers keep, the ends of a period from the
    // rows: any period must read the same as from the rows alone.
    it.each([
      ['2026-06-01', '2026-06-30'],
      ['2026-06-03', '2026-07-05'],
      ['2026-05-15', '2026-06-20'],
      ['2026-05-20T10:00:00+07:00', '2026-07-10T08:30:00+07:00'],
      ['2026-06-10', '2026-06-12'],
    ])('%s to %s: the same figures with and without the rollups', async (from, to) => {
      const range = parseReportRange(from, to);
      const asOf = wib('2026-07-15 00:00');
      const rolled = new ReportsService(june.scratch.db);
      const raw = new ReportsService(june.scratch.db, { useRollups: false });
      expect(await rolled.agencies({ range, asOf })).toEqual(await raw.agencies({ range, asOf }));
      expect(await rolled.agencies({ range, asOf, permitType: 'SLF' })).toEqual(await raw.agencies({ range, asOf, permitType: 'SLF' }));
      expect(await rolled.offices({ range, asOf })).toEqual(await raw.offices({ range, asOf }));
      expect(await rolled.offices({ range, asOf, permitType: 'SLF' })).toEqual(await raw.offices({ range, asOf, permitType: 'SLF' }));
      for (const by of ['officer', 'office', 'agency'] as const) {
        expect(await rolled.points({ range, by, limit: 100 })).toEqual(await raw.points({ range, by, limit: 100 }));
      }
      expect(await rolled.mergeCandidates({ range })).toEqual(await raw.mergeCandidates({ range }));
      expect(await rolled.complaints({ range })).toEqual(await raw.complaints({ range }));
    });

    it('bucket decision times with the same thresholds in the database and in the service', async () => {
      const probes = MINUTE_BUCKETS.flatMap((t) => [t, t + 1, Math.max(0, t - 1)]);
      const rows: Array<{ m: number; b: number }> = await june.scratch.db.query(`SELECT m, minutes_bucket(m) AS b FROM unnest($1::int[]) AS m`, [probes]);
      for (const { m, b } of rows) {
        const { lo, hi } = bucketBounds(b);
        expect(m >= lo && (hi === null || m < hi)).toBe(true);
      }
    });

    it('store each closed application\'s hand-off bucket as the rollups compute it (read at the ends of a period)', async () => {
      const [{ stored, differ }] = await june.scratch.db.query(
        `SELECT count(*) FILTER (WHERE handoff_bucket >= 0)::int AS stored,
                count(*) FILTER (WHERE handoff_bucket IS DISTINCT FROM coalesce(minutes_bucket(handoff_minutes), -1))::int AS differ
         FROM application`,
      );
      expect(stored).toBeGreaterThan(0);
      expect(differ).toBe(0);
    });

    it('follow updates and deletes: a decision reversed in the rows is reversed in the rollup', async () => {
      const range = parseReportRange('2026-06-01', '2026-06-30');
      const reports = new ReportsService(june.scratch.db);
      const before = (await reports.agencies({ range, asOf: wib('2026-07-01 00:00') })).agencies.find((a) => a.agency === 'DINKES')!;
      await june.scratch.db.query(`UPDATE task SET breached = true WHERE id = 'U1'`);
      const during = (await reports.agencies({ range, asOf: wib('2026-07-01 00:00') })).agencies.find((a) => a.agency === 'DINKES')!;
      expect([during.onTime, during.breaches]).toEqual([before.onTime - 1, before.breaches + 1]);
      await june.scratch.db.query(`UPDATE task SET breached = false WHERE id = 'U1'`);
      const after = (await reports.agencies({ range, asOf: wib('2026-07-01 00:00') })).agencies.find((a) => a.agency === 'DINKES')!;
      expect(after).toEqual(before);
      const [{ n }] = await june.scratch.db.query(`SELECT count(*)::int AS n FROM task_month_agency WHERE decided < 0 OR on_time < 0 OR breaches < 0 OR deemed < 0`);
      expect(n).toBe(0);
      // An escalation written then removed (a rollback by hand): counted, then not.
      await june.scratch.db.query(`INSERT INTO escalation (id, application_id, task_id, step_id, agency, office_id, rung, notify, public_list, at)
        VALUES ('EX', 'HSIP', 'U1', 'step', 'DINKES', 'kota-31.71', 'governor', 'governor', true, $1)`, [wib('2026-06-09 10:00')]);
      expect((await reports.agencies({ range, asOf: wib('2026-07-01 00:00') })).agencies.find((a) => a.agency === 'DINKES')!.escalationsByRung).toEqual({ governor: 1 });
      // Written without a permit type, it takes its application's: counted for SIP_DOKTER, from the rollup
      // as from the rows, and for no other type.
      const [{ permit_type }] = await june.scratch.db.query(`SELECT permit_type FROM escalation WHERE id = 'EX'`);
      expect(permit_type).toBe('SIP_DOKTER');
      const raw = new ReportsService(june.scratch.db, { useRollups: false });
      const dinkes = async (service: ReportsService, permitType: string) =>
        (await service.agencies({ range, asOf: wib('2026-07-01 00:00'), permitType })).agencies.find((a) => a.agency === 'DINKES')?.escalationsByRung;
      expect(await dinkes(reports, 'SIP_DOKTER')).toEqual({ governor: 1 });
      expect(await dinkes(raw, 'SIP_DOKTER')).toEqual({ governor: 1 });
      expect((await dinkes(reports, 'SLF'))?.governor).toBeUndefined();
      await june.scratch.db.query(`DELETE FROM escalation WHERE id = 'EX'`);
      expect((await reports.agencies({ range, asOf: wib('2026-07-01 00:00') })).agencies.find((a) => a.agency === 'DINKES')!.escalations).toBe(0);
    });

    it('keep the hand-off rollup of all permit types the sum of the rollups by type, through updates and deletes', async () => {
      const db = june.scratch.db;
      // Rows of the all-types rollup that differ from the sum of the by-type rows (a row of zeros is as good as none).
      const drift = async (): Promise<number> => {
        const [{ n }] = await db.query(
          `SELECT count(*)::int AS n FROM (
             SELECT month, office_id, bucket, sum(closed)::int AS closed, sum(on_time)::int AS on_time, sum(breaches)::int AS breaches, sum(deemed)::int AS deemed
             FROM application_month_closed GROUP BY 1, 2, 3) a
           FULL JOIN application_month_closed_all b USING (month, office_id, bucket)
           WHERE (coalesce(a.closed, 0), coalesce(a.on_time, 0), coalesce(a.breaches, 0), coalesce(a.deemed, 0))
             IS DISTINCT FROM (coalesce(b.closed, 0), coalesce(b.on_time, 0), coalesce(b.breaches, 0), coalesce(b.deemed, 0))`,
        );
        return n;
      };
      const [{ n: rows }] = await db.query(`SELECT count(*)::int AS n FROM application_month_closed_all WHERE closed > 0`);
      expect(rows).toBeGreaterThan(0);
      expect(await drift()).toBe(0);
      const range = parseReportRange('2026-06-01', '2026-06-30');
      const asOf = wib('2026-07-01 00:00');
      const rolled = new ReportsService(db);
      const raw = new ReportsService(db, { useRollups: false });
      const office = async (service: ReportsService) => (await service.offices({ range, asOf })).offices.find((o) => o.office === 'kel-31.74.01.1001')!.handOff;
      const before = await office(rolled);
      // A1 late after all, then on time again; A2 removed: each counted by the all-types row as by the rows.
      await db.query(`UPDATE application SET business_minutes_used = 5000 WHERE id = 'A1'`);
      expect(await drift()).toBe(0);
      expect(await office(rolled)).toEqual(await office(raw));
      expect((await office(rolled)).breaches).toBe(before.breaches + 1);
      await db.query(`UPDATE application SET business_minutes_used = 2000 WHERE id = 'A1'`);
      expect(await office(rolled)).toEqual(before);
      const [a2] = await db.query(`SELECT * FROM application WHERE id = 'A2'`);
      await db.query(`DELETE FROM application WHERE id = 'A2'`);
      expect(await drift()).toBe(0);
      expect(await office(rolled)).toEqual(await office(raw));
      expect((await office(rolled)).closed).toBe(before.closed - 1);
      const columns = Object.keys(a2).filter((c) => c !== 'handoff_minutes' && c !== 'handoff_bucket');
      await db.query(`INSERT INTO application (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM json_populate_record(NULL::application, $1)`, [JSON.stringify(a2)]);
      expect(await drift()).toBe(0);
      expect(await office(rolled)).toEqual(before);
    });
  });

  describe('bad input', () => {
    const problem = (res: { status: number; headers: Headers; body: { type: string } }, status: number, kind: string) => {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe(`https://satupintu.jakarta.go.id/problems/${kind}`);
    };

    it('refuses an unbounded, inverted or malformed period', async () => {
      const unbounded = await june.api.http('GET', '/v1/reports/sla/agencies?from=2026-06-01', { token: june.admin });
      problem(unbounded, 400, 'validation');
      expect(unbounded.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
      problem(await june.api.http('GET', '/v1/reports/sla/agencies?from=2026-06-30&to=2026-06-01', { token: june.admin }), 400, 'validation');
      problem(await june.api.http('GET', '/v1/reports/sla/offices?from=2026-02-30&to=2026-03-01', { token: june.admin }), 400, 'validation');
      problem(await june.api.http('GET', '/v1/reports/points?by=officer&from=yesterday&to=2026-03-01', { token: june.admin }), 400, 'validation');
    });

    it('refuses a period over the configured maximum, stating it', async () => {
      const res = await june.api.http('GET', '/v1/reports/sla/agencies?from=2025-01-01&to=2026-06-30', { token: june.admin });
      problem(res, 400, 'validation');
      expect(res.body.maxRangeDays).toBe(366);
      expect(res.body.detail).toMatch(/at most 366 days/);
    });

    it('refuses unknown offices, agencies and permit types', async () => {
      problem(await june.api.http('GET', `/v1/reports/offices/kel-99.99/load?${JUNE}`, { token: june.admin }), 404, 'not-found');
      problem(await june.api.http('GET', `/v1/reports/points?by=officer&${JUNE}&office=kel-99.99`, { token: june.admin }), 422, 'unknown-office');
      problem(await june.api.http('GET', `/v1/reports/points?by=officer&${JUNE}&agency=NOPE`, { token: june.admin }), 400, 'validation');
      problem(await june.api.http('GET', `/v1/reports/sla/agencies?${JUNE}&permitType=NOPE`, { token: june.admin }), 422, 'unknown-permit-type');
      problem(await june.api.http('GET', `/v1/reports/points?by=kecamatan&${JUNE}`, { token: june.admin }), 400, 'validation');
      problem(await june.api.http('GET', `/v1/reports/offices/kel-31.74.01.1001/load?${JUNE}&serviceMinutes=-3`, { token: june.admin }), 400, 'validation');
    });

    it('is for admins only', async () => {
      const approver = await june.api.token({ role: 'approver', agency: 'DCKTRP' });
      problem(await june.api.http('GET', `/v1/reports/sla/agencies?${JUNE}`, { token: approver }), 403, 'forbidden');
      problem(await june.api.http('GET', `/v1/reports/sla/agencies?${JUNE}`), 401, 'unauthorized');
    });
  });
});
