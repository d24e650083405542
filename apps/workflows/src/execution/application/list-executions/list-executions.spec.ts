import { ZodValidationPipe } from '@mindhill/platform';
import { codeOf } from '@mindhill/testing';
import { listExecutionsParams } from './list-executions.schema';

const pipe = new ZodValidationPipe(listExecutionsParams);

describe('list the executions of a workflow: the query', () => {
  it('pages by 50 by default and takes the cursor it answered', () => {
    expect(pipe.transform({})).toEqual({ limit: 50 });
    expect(pipe.transform({ limit: '10', cursor: '41' })).toEqual({ limit: 10, cursor: '41' });
  });

  it.each([
    ['a cursor it never answered', { cursor: 'abc' }],
    ['a page over 200', { limit: '201' }],
  ])('refuses %s', (_what, query) => {
    expect(codeOf(() => pipe.transform(query))).toBe('REQUEST.VALIDATION_FAILED');
  });
});
