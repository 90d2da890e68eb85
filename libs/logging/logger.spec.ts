import { Writable } from 'node:stream';
import { createLogger, maskPersonalData, withLogContext } from './logger';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('debug', { process: 'test' }, sink), lines };
}

const NIK = '3171011505900001';
const PHONE = '081234567890';

describe('createLogger', () => {
  it('masks a NIK and a phone number in messages, fields, nested objects and arrays', () => {
    const { logger, lines } = capture();
    logger.info(`applicant ${NIK} phone ${PHONE}`);
    logger.info({ applicant: { nik: NIK, name: 'Siti', contacts: [PHONE, `+62${PHONE.slice(1)}`] }, body: `{"nik":"${NIK}"}` }, 'submitted');
    const text = lines.join('\n');
    expect(text).not.toContain(NIK);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain('81234567890');
    expect(text).toContain('317101******0001');
    expect(JSON.parse(lines[1]).applicant.nik).toBe('****************');
  });

  it('masks errors, their messages and stacks, whether passed alone or as a field, and keeps them readable', () => {
    const { logger, lines } = capture();
    logger.error(new Error(`no KTP for ${NIK}`));
    logger.error({ err: new Error(`no KTP for ${NIK}`) }, 'failed');
    expect(lines.join('\n')).not.toContain(NIK);
    const alone = JSON.parse(lines[0]);
    expect(alone.msg).toBe('no KTP for 317101******0001');
    expect(alone.err.stack).toContain('logger.spec.ts');
    expect(JSON.parse(lines[1]).err.message).toBe('no KTP for 317101******0001');
  });

  it('puts the request id of the surrounding scope on every line, across awaits', async () => {
    const { logger, lines } = capture();
    await withLogContext({ requestId: 'req-1' }, async () => {
      logger.info('first');
      await new Promise((r) => setImmediate(r));
      logger.warn({ step: 2 }, 'second');
    });
    logger.info('outside');
    expect(lines.map((l) => JSON.parse(l).requestId)).toEqual(['req-1', 'req-1', undefined]);
  });

  it('leaves longer digit runs alone (they are not NIKs) and masks a NIK glued to letters', () => {
    expect(maskPersonalData('order 12345678901234567890')).toBe('order 12345678901234567890');
    expect(maskPersonalData(`nik=${NIK};`)).toBe('nik=317101******0001;');
  });
});
