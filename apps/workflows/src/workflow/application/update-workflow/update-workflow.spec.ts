import { ZodValidationPipe } from '@mindhill/platform';
import { codeOf } from '@mindhill/testing';
import { updateWorkflowBody } from './update-workflow.schema';

const pipe = new ZodValidationPipe(updateWorkflowBody);

describe('update a workflow: the request', () => {
  it('takes only the fields to change; null clears a schedule', () => {
    expect(pipe.transform({ scheduleCron: null })).toEqual({ scheduleCron: null });
    expect(pipe.transform({ isPublic: true, sharedWithUsers: [3] })).toEqual({ isPublic: true, sharedWithUsers: [3] });
  });

  it('refuses an empty change and a status (which has its own routes)', () => {
    expect(codeOf(() => pipe.transform({}))).toBe('REQUEST.VALIDATION_FAILED');
    expect(codeOf(() => pipe.transform({ status: 'active' }))).toBe('REQUEST.UNKNOWN_FIELDS');
  });
});
