import { countsByStep, heatOf, inboxLink, stepIdOf, StepCount, totals, versionsToShow } from './heat';

const row = (permitType: string, version: number, stepId: string, open: number, overdue: number): StepCount => ({ permitType, version, stepId, stepName: null, agency: null, open, overdue });

describe('the SLA wall paint', () => {
  it('heats a step by its overdue share: none open, none overdue, under a quarter, under half, half or more', () => {
    expect(heatOf({ open: 0, overdue: 0 })).toBe('none');
    expect(heatOf({ open: 5, overdue: 0 })).toBe('calm');
    expect(heatOf({ open: 5, overdue: 1 })).toBe('warm');
    expect(heatOf({ open: 4, overdue: 1 })).toBe('hot');
    expect(heatOf({ open: 5, overdue: 2 })).toBe('hot');
    expect(heatOf({ open: 4, overdue: 2 })).toBe('burning');
    expect(heatOf({ open: 3, overdue: 3 })).toBe('burning');
  });

  it('links a step to the inbox filtered to its open tasks', () => {
    expect(inboxLink('SKDU', 'lurah_signature')).toBe('/kotak-masuk?queue=open&permitType=SKDU&step=lurah_signature');
    expect(inboxLink('A&B', 'x y')).toBe('/kotak-masuk?queue=open&permitType=A%26B&step=x+y');
  });

  it('reads the step id of a task from its documentation when the export recorded one', () => {
    expect(stepIdOf('site_visit', '{"agency":"KELURAHAN","role":"officer"}')).toBe('site_visit');
    expect(stepIdOf('Task_site_visit_2', '{"agency":"KELURAHAN","id":"site_visit"}')).toBe('site_visit');
    expect(stepIdOf('site_visit', 'Peninjauan lokasi')).toBe('site_visit');
    expect(stepIdOf('site_visit', undefined)).toBe('site_visit');
  });

  it('offers the latest version and every older one with open tasks, newest first', () => {
    const items = [row('SKDU', 1, 'a', 2, 1), row('SKDU', 2, 'a', 1, 0), row('PBG', 1, 'b', 3, 0)];
    expect(versionsToShow(items, 'SKDU', 2)).toEqual([2, 1]);
    expect(versionsToShow(items, 'PBG', 1)).toEqual([1]);
    expect(versionsToShow([], 'SLF', 1)).toEqual([1]);
    expect(totals(items, 'SKDU')).toEqual({ open: 3, overdue: 1 });
    expect(totals(items, 'SKDU', 2)).toEqual({ open: 1, overdue: 0 });
    expect([...countsByStep(items, 'SKDU', 1).keys()]).toEqual(['a']);
  });
});
