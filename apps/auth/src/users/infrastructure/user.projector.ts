import { EntityManager } from '@mikro-orm/postgresql';
import { EventEnvelope, StoredPayload, userLocked, userLoggedIn, userLoginFailed, userRegistered, userUnlocked } from '@mindhill/contracts';
import { Projector } from '@mindhill/persistence';
import { User } from './user.entity';

type Registered = StoredPayload<typeof userRegistered>;
type LoggedIn = StoredPayload<typeof userLoggedIn>;
type LoginFailed = StoredPayload<typeof userLoginFailed>;

// Keeps `users` in step with the user stream. Values come from the events only (never from
// the clock here), so replaying the stream rebuilds identical rows.
export const userProjector: Projector = {
  name: 'users',
  handles: [userRegistered.type, userLoggedIn.type, userLoginFailed.type, userLocked.type, userUnlocked.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    const at = new Date(event.occurredAt);
    switch (event.type) {
      case userRegistered.type: {
        const p = event.payload as Registered;
        em.create(User, {
          id: p.userNumber, uuid: p.userId, email: p.email, passwordHash: p.passwordHash, displayName: p.displayName,
          role: p.role, passwordChangedAt: at, createdAt: at, updatedAt: at,
        });
        return;
      }
      case userLoggedIn.type: {
        const p = event.payload as LoggedIn;
        const user = await em.findOneOrFail(User, { uuid: p.userId });
        user.loginCount = p.loginCount;
        user.lastLoginAt = new Date(p.loggedInAt);
        user.failedLoginAttempts = 0;
        user.lockedUntil = null;
        user.updatedAt = at;
        return;
      }
      case userLocked.type: {
        const p = event.payload as StoredPayload<typeof userLocked>;
        const user = await em.findOneOrFail(User, { uuid: p.userId });
        user.lockedUntil = new Date(p.lockedUntil);
        user.updatedAt = at;
        return;
      }
      case userUnlocked.type: {
        const p = event.payload as StoredPayload<typeof userUnlocked>;
        const user = await em.findOneOrFail(User, { uuid: p.userId });
        user.lockedUntil = null;
        user.failedLoginAttempts = 0;
        user.updatedAt = at;
        return;
      }
      case userLoginFailed.type: {
        const p = event.payload as LoginFailed;
        if (!p.userId) return;
        const user = await em.findOneOrFail(User, { uuid: p.userId });
        user.failedLoginAttempts = p.failedAttempts;
        user.updatedAt = at;
        return;
      }
    }
  },
};
