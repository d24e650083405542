import { ZodValidationPipe } from '@mindhill/platform';
import { codeOf } from '@mindhill/testing';
import { listWorkflowsParams } from './list-workflows.schema';

const pipe = new ZodValidationPipe(listWorkflowsParams);

describe('list workflows: the query', () => {
  it('reads the query string: booleans, numbers, a trimmed search', () => {
    expect(pipe.transform({ isTemplate: 'false', limit: '20', q: ' prices ', cursor: '12' })).toEqual({
      isTemplate: false,
      limit: 20,
      q: 'prices',
      cursor: '12',
    });
  });

  it.each([
    ['an unknown status', { status: 'deleted' }, 'REQUEST.VALIDATION_FAILED'],
    ['a cursor it never answered', { cursor: '-1' }, 'REQUEST.VALIDATION_FAILED'],
    ['an unknown filter', { owner: '7' }, 'REQUEST.UNKNOWN_FIELDS'],
  ])('refuses %s', (_what, query, code) => {
    expect(codeOf(() => pipe.transform(query))).toBe(code);
  });
});
