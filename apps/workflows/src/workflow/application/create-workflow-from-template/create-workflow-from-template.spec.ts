import { ZodValidationPipe } from '@mindhill/platform';
import { codeOf } from '@mindhill/testing';
import { fromTemplateBody } from './create-workflow-from-template.schema';

const pipe = new ZodValidationPipe(fromTemplateBody);
const SOURCE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('create a workflow from a template: the request', () => {
  it('needs a name and data sources; settings and status have defaults', () => {
    expect(pipe.transform({ name: 'Mine', dataSources: [SOURCE] })).toEqual({
      name: 'Mine',
      dataSources: [SOURCE],
      stageSettings: {},
      status: 'inactive',
    });
  });

  it.each([
    ['no data source', { name: 'Mine', dataSources: [] }],
    ['a data source that is not an id', { name: 'Mine', dataSources: ['prices'] }],
  ])('refuses %s', (_what, body) => {
    expect(codeOf(() => pipe.transform(body))).toBe('REQUEST.VALIDATION_FAILED');
  });
});
