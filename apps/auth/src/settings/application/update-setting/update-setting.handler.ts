import { Injectable } from '@nestjs/common';
import { streamIds } from '@mindhill/contracts';
import { EventContext, EventStore } from '@mindhill/persistence';
import { requireAdmin } from '../../domain/require-admin';
import { settingDecider } from '../../domain/setting.decider';
import { lockSetting, settingState, SettingView, toSettingView } from '../../infrastructure/setting.read-model';
import { UpdateSettingRequest } from './update-setting.schema';

export type UpdateSettingCommand = UpdateSettingRequest & { key: string };

// Changes one setting for one environment ('all' unless given), under a lock on its rows.
@Injectable()
export class UpdateSettingHandler {
  constructor(private readonly events: EventStore) {}

  async execute(command: UpdateSettingCommand, context: EventContext): Promise<SettingView> {
    requireAdmin(context);
    const environment = command.environment ?? 'all';
    return this.events.transact(async (tx) => {
      const base = await lockSetting(tx.em, command.key, 'all');
      const current = environment === 'all' ? base : await lockSetting(tx.em, command.key, environment);
      const events = settingDecider.decide(
        { base: base && settingState(base), current: current && settingState(current) },
        {
          kind: 'change',
          key: command.key,
          environment,
          value: command.value,
          reason: command.reason ?? null,
          changedBy: context.actor.userId,
        },
      );
      const streamId = streamIds.setting(command.key, environment);
      // An environment's first change starts its override stream (created, then changed).
      await tx.append(streamId, current ? await tx.streamVersion(streamId) : 0, events, context);
      const changed = await lockSetting(tx.em, command.key, environment);
      if (!changed) throw new Error(`Setting ${command.key}@${environment} missing after its change`);
      await tx.em.populate(changed, ['lastModifiedBy']);
      return toSettingView(changed);
    });
  }
}
