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
      inputs: [],
      status: 'inactive',
    });
  });

  it('takes typed inputs: a string unless told otherwise, optional unless required', () => {
    expect(
      pipe.transform({ name: 'x', configuration, inputs: [{ name: 'city' }, { name: 'days', type: 'number', required: true }] }).inputs,
    ).toEqual([
      { name: 'city', type: 'string', required: false },
      { name: 'days', type: 'number', required: true },
    ]);
  });

  it.each([
    ['no name', { configuration }, 'REQUEST.VALIDATION_FAILED'],
    ['a cron with four fields', { name: 'x', configuration, scheduleCron: '* * * *' }, 'REQUEST.VALIDATION_FAILED'],
    ['an archived status', { name: 'x', configuration, status: 'archived' }, 'REQUEST.VALIDATION_FAILED'],
    ['sharing with user 0', { name: 'x', configuration, sharedWithUsers: [0] }, 'REQUEST.VALIDATION_FAILED'],
    ['an unknown field', { name: 'x', configuration, owner: 1 }, 'REQUEST.UNKNOWN_FIELDS'],
    ['an input of an unknown type', { name: 'x', configuration, inputs: [{ name: 'a', type: 'file' }] }, 'REQUEST.VALIDATION_FAILED'],
    ['an input named like no variable', { name: 'x', configuration, inputs: [{ name: 'a b' }] }, 'REQUEST.VALIDATION_FAILED'],
    [
      'an input named delivery (the platform gives it)',
      { name: 'x', configuration, inputs: [{ name: 'delivery' }] },
      'REQUEST.VALIDATION_FAILED',
    ],
    ['an unknown field of an input', { name: 'x', configuration, inputs: [{ name: 'a', secret: true }] }, 'REQUEST.UNKNOWN_FIELDS'],
  ])('refuses %s', (_what, body, code) => {
    expect(codeOf(() => pipe.transform(body))).toBe(code);
  });
});
