import { jakartaTime, NOTICE_KINDS, renderNotice, safeNote, type NoticeFacts } from './templates';
import { checkSmsSignature, internationalMsisdn, signSmsRequest } from './sms-protocol';

const facts = (over: Partial<NoticeFacts> = {}): NoticeFacts => ({
  kind: 'filed',
  language: 'id',
  name: 'Dewi Lestari',
  trackingCode: 'AB12-CD34-EF56',
  permitName: 'Surat Keterangan Domisili Usaha',
  trackingUrl: 'https://satupintu.jakarta.go.id/lacak/AB12-CD34-EF56',
  ...over,
});

describe('applicant notice templates', () => {
  it('writes an instant on the Jakarta clock, in either language', () => {
    // 05:00Z is 12:00 WIB; the last day of a month rolls over in Jakarta before it does in UTC.
    expect(jakartaTime('2027-07-19T05:00:00.000Z', 'id')).toBe('19 Juli 2027 12.00 WIB');
    expect(jakartaTime('2027-07-31T18:30:00.000Z', 'en')).toBe('1 August 2027 01:30 WIB');
  });

  it('masks a NIK typed into an officer note', () => {
    expect(safeNote('Foto buram (NIK 3174015505900002)')).toBe('Foto buram (NIK ****************)');
  });

  it('gives every kind a subject, an email and an SMS carrying the tracking link, in Indonesian and English', () => {
    for (const language of ['id', 'en'] as const) {
      for (const kind of NOTICE_KINDS) {
        const text = renderNotice(facts({ kind, language, note: 'Lampirkan surat RT/RW', dueAt: '2027-07-19T05:00:00.000Z' }));
        expect([kind, language, text.sms.includes('/lacak/AB12-CD34-EF56'), text.body.includes('/lacak/AB12-CD34-EF56'), text.subject.includes('AB12-CD34-EF56')]).toEqual([kind, language, true, true, true]);
      }
    }
    expect(renderNotice(facts({ kind: 'revision_requested', note: 'Lampirkan surat RT/RW', dueAt: '2027-07-19T05:00:00.000Z' })).sms).toContain('Lampirkan surat RT/RW. Batas 19 Juli 2027 12.00 WIB');
    expect(renderNotice(facts({ kind: 'rejected', language: 'en', note: 'Outside the kelurahan' })).body).toContain('Reason: Outside the kelurahan.');
  });
});

describe('the SMS gateway protocol', () => {
  const body = JSON.stringify({ to: '+6281234567890', text: 'hi', reference: 'A:1:sms' });
  const headers = (over: Record<string, string> = {}) => ({ 'x-key-id': 'k1', 'x-timestamp': '1800000000', 'x-signature': signSmsRequest('s3cret', 1800000000, body), ...over });

  it('accepts a request signed with the shared key, and refuses a wrong key, body, or stale timestamp', () => {
    expect(checkSmsSignature(headers(), body, { k1: 's3cret' }, 1800000010)).toBe('ok');
    expect(checkSmsSignature(headers({ 'x-key-id': 'k2' }), body, { k1: 's3cret' }, 1800000010)).toBe('unknown-key');
    expect(checkSmsSignature(headers(), body.replace('hi', 'ho'), { k1: 's3cret' }, 1800000010)).toBe('bad-signature');
    expect(checkSmsSignature(headers(), body, { k1: 's3cret' }, 1800001000)).toBe('stale');
  });

  it('sends numbers in +62 form', () => {
    expect(internationalMsisdn('081234567890')).toBe('+6281234567890');
    expect(internationalMsisdn('+6281234567890')).toBe('+6281234567890');
  });
});
