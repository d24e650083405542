import { ZodValidationPipe } from '@mindhill/platform';
import { codeOf } from '@mindhill/testing';
import { rerunExecutionBody } from './rerun-execution.schema';

const pipe = new ZodValidationPipe(rerunExecutionBody);

describe('rerun an execution: the request', () => {
  it('reruns from the failed stage at priority 0 when the body is empty', () => {
    expect(pipe.transform(undefined)).toEqual({ priority: 0 });
    expect(pipe.transform({ fromStage: 1, priority: 5 })).toEqual({ fromStage: 1, priority: 5 });
  });

  it.each([
    ['stage 0', { fromStage: 0 }, 'REQUEST.VALIDATION_FAILED'],
    ['a fractional stage', { fromStage: 1.5 }, 'REQUEST.VALIDATION_FAILED'],
    ['a stage given as text', { fromStage: '2' }, 'REQUEST.VALIDATION_FAILED'],
    ['a priority out of range', { priority: -101 }, 'REQUEST.VALIDATION_FAILED'],
    ['other inputs (a rerun keeps the old ones)', { inputs: { city: 'Oslo' } }, 'REQUEST.UNKNOWN_FIELDS'],
  ])('refuses %s', (_what, body, code) => {
    expect(codeOf(() => pipe.transform(body))).toBe(code);
  });
});
