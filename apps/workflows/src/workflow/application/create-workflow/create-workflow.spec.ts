import { ZodValidationPipe } from '@mindhill/platform';
import { codeOf } from '@mindhill/testing';
import { createWorkflowBody } from './create-workflow.schema';

const pipe = new ZodValidationPipe(createWorkflowBody);
const configuration = { stages: [{ name: 'fetch', type: 'fetching', dataSources: ['7c9e6679-7425-40de-944b-e07fc1f90ae7'] }] };

describe('create a workflow: the request', () => {
  it('creates an inactive, unscheduled workflow in UTC with three retries unless told otherwise', () => {
    expect(pipe.transform({ name: '  Prices ', configuration })).toEqual({
      name: 'Prices',
      configuration,
      scheduleTimezone: 'UTC',
      maxRetries: 3,
      tags: [],
      status: 'inactive',
    });
  });

  it.each([
    ['no name', { configuration }, 'REQUEST.VALIDATION_FAILED'],
    ['a cron with four fields', { name: 'x', configuration, scheduleCron: '* * * *' }, 'REQUEST.VALIDATION_FAILED'],
    ['an archived status', { name: 'x', configuration, status: 'archived' }, 'REQUEST.VALIDATION_FAILED'],
    ['sharing with user 0', { name: 'x', configuration, sharedWithUsers: [0] }, 'REQUEST.VALIDATION_FAILED'],
    ['an unknown field', { name: 'x', configuration, owner: 1 }, 'REQUEST.UNKNOWN_FIELDS'],
  ])('refuses %s', (_what, body, code) => {
    expect(codeOf(() => pipe.transform(body))).toBe(code);
  });
});
