import { MikroORM } from '@mikro-orm/postgresql';
import { SYSTEM_ACTOR } from '@mindhill/contracts';
import { LiveSettings } from '@mindhill/messaging';
import { EventStore } from '@mindhill/persistence';
import { ZodValidationPipe } from '@mindhill/platform';
import { codeOf } from '@mindhill/testing';
import { ContentStore } from '../../../contents/infrastructure/content-store';
import { RemoveExpiredContentsHandler } from './remove-expired-contents.handler';
import { removeExpiredContentsBody } from './remove-expired-contents.schema';

// The refusal comes before any read: nothing behind the handler is reached.
const sut = () => new RemoveExpiredContentsHandler({} as MikroORM, {} as EventStore, {} as ContentStore, new LiveSettings('test'));
const as = (role: string) => ({ correlationId: 'c', causationId: null, actor: { ...SYSTEM_ACTOR, role, userNumber: 7 } });

describe('remove expired contents', () => {
  it('is a dry run unless asked otherwise, and takes nothing else', () => {
    expect(new ZodValidationPipe(removeExpiredContentsBody).transform(undefined)).toEqual({ dryRun: true });
    expect(codeOf(() => new ZodValidationPipe(removeExpiredContentsBody).transform({ dryRun: false, days: 1 }))).toBe(
      'REQUEST.UNKNOWN_FIELDS',
    );
  });

  it.each(['user', 'viewer', 'system'])('refuses a request by a %s with AUTH.FORBIDDEN', (role) => {
    expect(codeOf(() => sut().execute({ dryRun: false }, as(role)))).toBe('AUTH.FORBIDDEN');
  });
});
