// Given PBG for a two-floor house filed on Wednesday 23 December 2026 at 15:00 in Jakarta, the preview
// shows the kecamatan route with due dates that skip Christmas Eve's cuti bersama, Christmas and the
// weekend after them, on the same business-time arithmetic as the engine.
import * as path from 'node:path';
import { createBpmnModdle } from '../permit-dsl/bpmn/moddle';
import { toBpmnXml } from '../permit-dsl/bpmn/export';
import { findDefinition } from '../permits';
import { markDiagram } from './bpmn-marks';
import { loadAgencies } from './catalogue-check';
import { formatPreview, jakartaTime, preview } from './preview';

const agencies = loadAgencies(path.resolve(__dirname, '..', '..'));
const pbg = findDefinition('PBG', 1)!;
const house = { ...(pbg.dataSchema.examples![0] as Record<string, unknown>), function: 'hunian', floors: 2 };
const filed = new Date('2026-12-23T15:00+07:00');

describe('permit:preview', () => {
  const p = preview(pbg, { data: house, at: filed, agencies });
  const jakartaDay = (d: Date) => jakartaTime(d).slice(0, -10);
  const instants = [...p.steps.flatMap((s) => [s.due, ...s.rungs.map((r) => r.at)]), p.legalDeadline];

  it('takes the kecamatan route for a two-floor house', () => {
    expect(p.choices.map((c) => [c.choice, c.branch])).toEqual([['pbg_authority', 0]]);
    expect(p.steps.map((s) => [s.id, s.agency, s.office])).toEqual([
      ['kecamatan_technical_review', 'KECAMATAN', 'kecamatan office of the location'],
      ['kecamatan_approval', 'KECAMATAN', 'kecamatan office of the location'],
    ]);
  });

  it('skips 24 and 25 December and the weekend after them', () => {
    const skipped = ['Thu 24 Dec 2026', 'Fri 25 Dec 2026', 'Sat 26 Dec 2026', 'Sun 27 Dec 2026'];
    expect(instants.map(jakartaDay).filter((d) => skipped.includes(d))).toEqual([]);
    // Seven working days from Wednesday 15:00: one hour that day, then from Monday 28 December, past New
    // Year's Day and Isra Mikraj (Tuesday 5 January 2027).
    expect(p.steps.map((s) => [s.id, jakartaTime(s.start), jakartaTime(s.due)])).toEqual([
      ['kecamatan_technical_review', 'Wed 23 Dec 2026 15:00 WIB', 'Thu 7 Jan 2027 15:00 WIB'],
      ['kecamatan_approval', 'Thu 7 Jan 2027 15:00 WIB', 'Mon 11 Jan 2027 15:00 WIB'],
    ]);
    expect(p.steps[0].rungs.map((r) => [r.id, jakartaTime(r.at)])).toEqual([
      ['reminder', 'Wed 6 Jan 2027 08:23 WIB'],
      ['section_head', 'Thu 7 Jan 2027 15:00 WIB'],
      ['agency_head', 'Fri 8 Jan 2027 15:30 WIB'],
      ['governor', 'Tue 12 Jan 2027 15:00 WIB'],
    ]);
    expect(p.closedDays.slice(0, 4)).toEqual([
      { date: '2026-12-24', name: 'Cuti bersama Kelahiran Yesus Kristus', kind: 'cuti_bersama' },
      { date: '2026-12-25', name: 'Kelahiran Yesus Kristus', kind: 'national' },
      { date: '2026-12-26', name: 'Sabtu', kind: 'weekend' },
      { date: '2026-12-27', name: 'Minggu', kind: 'weekend' },
    ]);
  });

  it('prints the route, each step with agency, office and due time in Jakarta time, the escalations and the legal deadline', () => {
    const text = formatPreview(p);
    expect(text).toContain("choice 'pbg_authority': branch 1, 'Rumah tinggal sampai 2 lantai: kecamatan'");
    expect(text).toContain('    agency KECAMATAN (Kantor Kecamatan), kecamatan office of the location, decided by an officer\n    from Wed 23 Dec 2026 15:00 WIB, 7 working days, due Thu 7 Jan 2027 15:00 WIB\n');
    expect(text).toContain("      escalation 'governor' to governor (public late list): Tue 12 Jan 2027 15:00 WIB\n");
    expect(text).toContain("legal deadline: Fri 5 Feb 2027 15:30 WIB (28 working days; then escalated to the governor's office)");
    expect(text).toContain('  Thu 24 Dec 2026: Cuti bersama Kelahiran Yesus Kristus (cuti_bersama)\n');
  });

  it('takes the province route for a tower and runs its reviews side by side', () => {
    const tower = preview(pbg, { data: { ...house, function: 'campuran', floors: 24 }, at: filed, agencies });
    expect(tower.steps.map((s) => [s.id, s.parallel ?? null, jakartaTime(s.start)])).toEqual([
      ['province_technical_consultation', 'province_reviews', 'Wed 23 Dec 2026 15:00 WIB'],
      ['fire_safety_review', 'province_reviews', 'Wed 23 Dec 2026 15:00 WIB'],
      ['environment_review', 'province_reviews', 'Wed 23 Dec 2026 15:00 WIB'],
      ['province_approval', null, jakartaTime(tower.steps[0].due)],
    ]);
  });

  it('writes the diagram with the route marked, readable by bpmn-moddle', async () => {
    const marks = new Map(p.steps.map((s) => [s.id, 'route' as const]));
    const xml = markDiagram(toBpmnXml(pbg), marks);
    const parsed = await (await createBpmnModdle()).fromXML(xml, 'bpmn:Definitions');
    expect(parsed.warnings).toEqual([]);
    expect(xml).toMatch(/bpmnElement="kecamatan_technical_review" bioc:stroke="#1b5e20" bioc:fill="#c8e6c9"/);
    expect(xml).not.toMatch(/bpmnElement="city_approval" bioc:/);
  });
});
