import { ZodValidationPipe } from '@mindhill/platform';
import { codeOf } from '@mindhill/testing';
import { startExecutionBody } from './start-execution.schema';

const pipe = new ZodValidationPipe(startExecutionBody);

describe('start an execution: the request', () => {
  it('starts a manual run at priority 0 when the body is empty', () => {
    expect(pipe.transform(undefined)).toEqual({ triggeredBy: 'manual', priority: 0, inputs: {} });
    expect(pipe.transform({ triggeredBy: 'api', priority: -100 })).toEqual({ triggeredBy: 'api', priority: -100, inputs: {} });
  });

  it('passes the inputs on as given: the workflow checks them against its declared inputs', () => {
    expect(pipe.transform({ inputs: { city: 'Oslo', days: 3 } })).toEqual({
      triggeredBy: 'manual',
      priority: 0,
      inputs: { city: 'Oslo', days: 3 },
    });
  });

  it.each([
    ['a caller claiming to be the schedule', { triggeredBy: 'schedule' }, 'REQUEST.VALIDATION_FAILED'],
    ['a priority out of range', { priority: 101 }, 'REQUEST.VALIDATION_FAILED'],
    ['an unknown field', { stages: [] }, 'REQUEST.UNKNOWN_FIELDS'],
    ['the old parameters field', { parameters: { city: 'Oslo' } }, 'REQUEST.UNKNOWN_FIELDS'],
    ['inputs that are not an object', { inputs: ['Oslo'] }, 'REQUEST.VALIDATION_FAILED'],
  ])('refuses %s', (_what, body, code) => {
    expect(codeOf(() => pipe.transform(body))).toBe(code);
  });
});
