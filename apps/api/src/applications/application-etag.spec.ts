import { applicationEtag } from './applications.controller';
import type { ApplicationResponse } from './applications.service';

const view = (over: Partial<ApplicationResponse> = {}): ApplicationResponse =>
  ({
    id: 'APP1',
    revision: 7,
    openTasks: [{ id: 'APP1.s.1', overdue: false }],
    ...over,
  }) as ApplicationResponse;

describe(applicationEtag.name, () => {
  it('is a weak validator named by the application and its revision', () => {
    expect(applicationEtag(view())).toMatch(/^W\/"APP1-r7-[\w-]{10}"$/);
    expect(applicationEtag(view())).toBe(applicationEtag(view()));
  });

  it('changes with the revision', () => {
    expect(applicationEtag(view({ revision: 8 }))).not.toBe(applicationEtag(view()));
  });

  it('changes when a due time passes without a new revision (a task turns overdue)', () => {
    expect(applicationEtag(view({ openTasks: [{ id: 'APP1.s.1', overdue: true }] as ApplicationResponse['openTasks'] }))).not.toBe(applicationEtag(view()));
  });

  it('differs between callers who see the applicant block and those who do not', () => {
    const withApplicant = view({ applicant: { nik: '3171011505900001', name: 'Siti' } });
    expect(applicationEtag(withApplicant)).not.toBe(applicationEtag(view()));
  });
});
