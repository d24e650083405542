import { ServiceProjections } from '@mindhill/persistence';
import { User } from './users/infrastructure/user.entity';
import { userProjector } from './users/infrastructure/user.projector';

// What `npm run rebuild -- auth` truncates and replays from stored_event.
export const authProjections: ServiceProjections = {
  entities: [User],
  tables: ['users'],
  projectors: [userProjector],
  // Ids are carried in the events; keep the sequence ahead of them after a replay.
  afterReplaySql: [`SELECT setval('users_id_seq', GREATEST((SELECT max(id) FROM users), 1))`],
};
