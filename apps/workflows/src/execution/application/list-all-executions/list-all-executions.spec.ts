import { ZodValidationPipe } from '@mindhill/platform';
import { codeOf } from '@mindhill/testing';
import { decodeExecutionCursor, encodeExecutionCursor } from './execution-cursor';
import { listAllExecutionsParams } from './list-all-executions.schema';

const pipe = new ZodValidationPipe(listAllExecutionsParams);
const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe('list the executions across workflows: the cursor', () => {
  it('gives back the microseconds and id it was made of', () => {
    const c = { t: '1796500000123456', id: 42 };
    const raw = encodeExecutionCursor(c);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeExecutionCursor(raw)).toEqual(c);
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', b64('{t:1')],
    ['JSON but no object', b64('"x"')],
    ['a number of microseconds sent as a number', b64('{"t":1,"id":1}')],
    ['a negative time', b64('{"t":"-5","id":1}')],
    ['an id of 0', b64('{"t":"5","id":0}')],
    ['an id past int4', b64('{"t":"5","id":2147483648}')],
    ['a fractional id', b64('{"t":"5","id":1.5}')],
    ['an empty string', ''],
  ])('refuses %s', (_what, raw) => {
    expect(decodeExecutionCursor(raw)).toBeNull();
  });
});

describe('list the executions across workflows: the query', () => {
  it('pages by 50 by default and takes every filter', () => {
    expect(pipe.transform({})).toEqual({ limit: 50 });
    const cursor = encodeExecutionCursor({ t: '1000', id: 7 });
    expect(
      pipe.transform({
        status: 'Failed',
        workflowId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
        from: '2026-12-01T00:00:00Z',
        to: '2026-12-02T00:00:00.123456+01:00',
        triggeredBy: 'schedule',
        limit: '100',
        cursor,
      }),
    ).toEqual({
      status: 'Failed',
      workflowId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      from: '2026-12-01T00:00:00Z',
      to: '2026-12-02T00:00:00.123456+01:00',
      triggeredBy: 'schedule',
      limit: 100,
      cursor: { t: '1000', id: 7 },
    });
  });

  it.each([
    ['an unknown status', { status: 'Done' }],
    ['a status in the wrong case', { status: 'failed' }],
    ['a workflow id that is no uuid', { workflowId: '12' }],
    ['a date without a time', { from: '2026-12-01' }],
    ['a time that is no date', { to: 'yesterday' }],
    ['from after to', { from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' }],
    ['an unknown trigger', { triggeredBy: 'cron' }],
    ['a page of 0', { limit: '0' }],
    ['a page over 100', { limit: '101' }],
    ['a cursor it never answered', { cursor: 'abc' }],
    ['the per-workflow list cursor', { cursor: '41' }],
  ])('refuses %s with a coded 400', (_what, query) => {
    expect(codeOf(() => pipe.transform(query))).toBe('REQUEST.VALIDATION_FAILED');
  });

  it('names an unknown parameter', () => {
    expect(codeOf(() => pipe.transform({ state: 'Failed' }))).toBe('REQUEST.UNKNOWN_FIELDS');
  });
});
