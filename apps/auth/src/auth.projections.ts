import { PROJECTION_TABLES, ServiceProjections } from '@mindhill/persistence';
import { User } from './users/infrastructure/user.entity';
import { sessionsPurgedProjector } from './retention/infrastructure/sessions-purged.projector';
import { sessionProjector } from './sessions/infrastructure/session.projector';
import { Setting } from './settings/infrastructure/setting.entity';
import { settingProjector } from './settings/infrastructure/setting.projector';
import { signingKeyProjector } from './signing-keys/infrastructure/signing-key.projector';
import { userProjector } from './users/infrastructure/user.projector';

// What `npm run rebuild -- auth` truncates and replays from stored_event.
export const authProjections: ServiceProjections = {
  entities: [User, Setting],
  tables: PROJECTION_TABLES.auth,
  projectors: [userProjector, sessionProjector, settingProjector, signingKeyProjector, sessionsPurgedProjector],
  // Ids are carried in the events; keep the sequence ahead of them after a replay.
  afterReplaySql: [
    `SELECT setval('users_id_seq', GREATEST((SELECT max(id) FROM users), 1))`,
    `SELECT setval('application_sessions_id_seq', GREATEST((SELECT max(id) FROM application_sessions), 1))`,
    `SELECT setval('system_settings_id_seq', GREATEST((SELECT max(id) FROM system_settings), 1))`,
  ],
};
