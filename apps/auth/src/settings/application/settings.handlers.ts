import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { settingChanged, settingCreated, SYSTEM_ACTOR } from '@mindhill/contracts';
import { ConcurrencyError, EventContext, EventStore, EventTransaction, newEvent } from '@mindhill/persistence';
import { assertAdmin, DomainError, getLogger, systemContext } from '@mindhill/platform';
import { DEFAULT_SETTINGS } from '../domain/default-settings';
import { canonicalSettingValue } from '../domain/setting-value';
import { settingStreamId } from '../infrastructure/setting.projector';
import { findSettings, lockSetting, SettingRow, toSettingView } from '../infrastructure/setting.read-model';

export const SETTINGS_ENVIRONMENT = Symbol('SETTINGS_ENVIRONMENT');
export const SETTING_ENVIRONMENTS = ['all', 'development', 'test', 'staging', 'production'] as const;
export type SettingEnvironment = (typeof SETTING_ENVIRONMENTS)[number];

export type ChangeSettingCommand = { key: string; value: unknown; environment?: SettingEnvironment; reason?: string };

const notFound = (key: string) => new DomainError('AUTH.SETTING_NOT_FOUND', `No setting ${key}`, 'not-found');

@Injectable()
export class SettingsHandlers implements OnApplicationBootstrap {
  private readonly logger = getLogger('settings');

  constructor(
    private readonly events: EventStore,
    @Inject(SETTINGS_ENVIRONMENT) private readonly environment: string,
  ) {}

  // First start (and any start after a default was added): each missing default becomes a
  // created event. Two instances starting together collide on the stream version; the loser
  // re-reads and finds the row.
  async onApplicationBootstrap(): Promise<void> {
    const context = { ...systemContext(), actor: SYSTEM_ACTOR };
    let created = 0;
    for (const d of DEFAULT_SETTINGS) {
      try {
        created += await this.events.transact(async (tx) => {
          if ((await tx.streamVersion(settingStreamId(d.key, 'all'))) > 0) return 0;
          await tx.append(
            settingStreamId(d.key, 'all'),
            0,
            [
              newEvent(settingCreated, {
                key: d.key,
                environment: 'all',
                category: d.category,
                name: d.name,
                description: d.description,
                value: d.value,
                type: d.type,
                defaultValue: d.value,
                validationRules: null,
                allowedValues: d.allowedValues ?? null,
                minValue: d.minValue ?? null,
                maxValue: d.maxValue ?? null,
                isPublic: d.isPublic ?? false,
                isReadonly: d.isReadonly ?? false,
                requiresRestart: d.requiresRestart ?? false,
                source: 'defaults',
              }),
            ],
            context,
          );
          return 1;
        });
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
    if (created > 0) this.logger.info({ created }, 'Seeded default settings');
  }

  async list(context: EventContext, filter: { category?: string; environment?: string }) {
    requireAdmin(context);
    const rows = await findSettings(this.events.readModel(), filter);
    return { environment: this.environment, items: rows.map(toSettingView) };
  }

  // Public settings as they apply here: the current environment's value, else the 'all' one.
  async listPublic() {
    const rows = await findSettings(this.events.readModel(), { publicOnly: true });
    const effective = new Map<string, SettingRow>();
    for (const row of rows) {
      if (row.environment === this.environment || (row.environment === 'all' && !effective.has(row.setting_key)))
        effective.set(row.setting_key, row);
    }
    return {
      environment: this.environment,
      items: [...effective.values()].map((s) => {
        const v = toSettingView(s);
        return { key: v.key, category: v.category, name: v.name, value: v.value, type: v.type };
      }),
    };
  }

  async change(command: ChangeSettingCommand, context: EventContext) {
    requireAdmin(context);
    const environment = command.environment ?? 'all';
    return this.events.transact(async (tx) => {
      const base = await lockSetting(tx.em, command.key, 'all');
      let row = environment === 'all' ? base : await lockSetting(tx.em, command.key, environment);
      if (!base && !row) throw notFound(command.key);
      const template = (row ?? base)!;
      if (template.is_readonly)
        throw new DomainError('AUTH.SETTING_READONLY', `${command.key} is read-only`, 'conflict', { key: command.key });
      const value = canonicalSettingValue(
        command.key,
        {
          type: template.setting_type,
          allowedValues: template.allowed_values,
          minValue: template.min_value === null ? null : Number(template.min_value),
          maxValue: template.max_value === null ? null : Number(template.max_value),
        },
        command.value,
      );
      const streamId = settingStreamId(command.key, environment);
      let version = await tx.streamVersion(streamId);
      // The first value for one environment: an override row, copied from the 'all' setting.
      if (!row) {
        await this.createOverride(tx, streamId, template, environment, context);
        version += 1;
      }
      const oldValue = row ? row.setting_value : template.setting_value;
      await tx.append(
        streamId,
        version,
        [
          newEvent(settingChanged, {
            key: command.key,
            environment,
            oldValue,
            newValue: value,
            changedBy: context.actor.userId,
            reason: command.reason ?? null,
            requiresRestart: template.requires_restart,
          }),
        ],
        context,
      );
      row = await lockSetting(tx.em, command.key, environment);
      return toSettingView(row!);
    });
  }

  private async createOverride(tx: EventTransaction, streamId: string, base: SettingRow, environment: string, context: EventContext) {
    await tx.append(
      streamId,
      0,
      [
        newEvent(settingCreated, {
          key: base.setting_key,
          environment,
          category: base.setting_category,
          name: base.setting_name,
          description: base.setting_description,
          value: base.setting_value,
          type: base.setting_type,
          defaultValue: base.default_value,
          validationRules: base.validation_rules,
          allowedValues: base.allowed_values,
          minValue: base.min_value === null ? null : Number(base.min_value),
          maxValue: base.max_value === null ? null : Number(base.max_value),
          isPublic: base.is_public,
          isReadonly: base.is_readonly,
          requiresRestart: base.requires_restart,
          source: 'environment-override',
        }),
      ],
      context,
    );
  }
}

export function requireAdmin(context: EventContext): void {
  if (!context.actor.userId) throw new DomainError('AUTH.UNAUTHENTICATED', 'Sign in first', 'unauthorized');
  assertAdmin(context.actor, 'Settings administration');
}
