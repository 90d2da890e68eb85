import { inboxSearch, nextTask, parseInboxQuery, tasksPath, withFilter } from './query';

describe('the inbox state in the URL', () => {
  it('opens the list the SLA wall links to: all open tasks of one permit type and step', () => {
    const q = parseInboxQuery('?queue=open&permitType=PBG&step=kecamatan_technical_review');
    expect(q).toEqual({ queue: 'open', permitType: 'PBG', step: 'kecamatan_technical_review' });
    expect(tasksPath(q)).toBe('/v1/tasks?permitType=PBG&step=kecamatan_technical_review&queue=open&limit=100');
  });

  it('writes the queue first and only the filters set, and reads back what it wrote', () => {
    const q = { queue: 'mine' as const, office: 'kel-31.71.01.1001', due: 'soon' as const };
    expect(inboxSearch(q)).toBe('?queue=mine&office=kel-31.71.01.1001&due=soon');
    expect(parseInboxQuery(inboxSearch(q))).toEqual(q);
  });

  it('drops what the API would refuse, so a hand-edited link still opens a list, and defaults to all open tasks', () => {
    expect(parseInboxQuery('?queue=everything&permitType=pbg&due=tomorrow&step=ok_step&nik=3171014101900003')).toEqual({ queue: 'open', step: 'ok_step' });
    expect(parseInboxQuery('')).toEqual({ queue: 'open' });
  });

  it('clears the step when the permit type changes, and a filter set to empty', () => {
    const q = { queue: 'unclaimed' as const, permitType: 'SKDU', step: 'site_visit', due: 'overdue' as const };
    expect(withFilter(q, 'permitType', 'PBG')).toEqual({ queue: 'unclaimed', permitType: 'PBG', due: 'overdue' });
    expect(withFilter(q, 'due', '')).toEqual({ queue: 'unclaimed', permitType: 'SKDU', step: 'site_visit' });
  });

  it('opens, after a decision, the first other task of the same queue', () => {
    expect(nextTask([{ id: 'a' }, { id: 'b' }], 'a')).toEqual({ id: 'b' });
    expect(nextTask([{ id: 'a' }], 'a')).toBeUndefined();
  });
});
