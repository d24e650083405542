import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineEvent } from './define-event';
import { SYSTEM_ACTOR } from './envelope';
import { ContractError, EventRegistry } from './registry';

// A breaking change as the contracts lib expects it: v2 renames a field, an upcaster lifts v1.
const renamedV1 = defineEvent({
  type: 'demo.thing.renamed',
  version: 1,
  aggregateType: 'thing',
  topic: 'demo.thing.events.v1',
  schema: z.object({ name: z.string() }),
  audit: { category: 'system', action: 'rename', resourceType: 'thing', severity: 'low' },
});
const renamedV2 = defineEvent({
  type: 'demo.thing.renamed',
  version: 2,
  aggregateType: 'thing',
  topic: 'demo.thing.events.v1',
  schema: z.object({ displayName: z.string() }),
  audit: { category: 'system', action: 'rename', resourceType: 'thing', severity: 'low' },
});
const registry = new EventRegistry(
  [renamedV1, renamedV2],
  [{ type: 'demo.thing.renamed', fromVersion: 1, upcast: (p) => ({ displayName: (p as { name: string }).name }) }],
);

const envelope = (version: number, payload: unknown) => ({
  eventId: randomUUID(),
  type: 'demo.thing.renamed',
  version,
  occurredAt: '2026-11-26T06:00:00.000Z',
  producer: 'demo',
  aggregateType: 'thing',
  aggregateId: 'thing-1',
  aggregateVersion: 1,
  correlationId: 'c',
  causationId: null,
  actor: SYSTEM_ACTOR,
  payload,
});

describe('EventRegistry', () => {
  it('upcasts a stored v1 fixture to the latest version', () => {
    expect(registry.parse(envelope(1, { name: 'Report A' }))).toMatchObject({ version: 2, payload: { displayName: 'Report A' } });
  });

  it('parses the latest version as is', () => {
    expect(registry.parse(envelope(2, { displayName: 'B' })).payload).toEqual({ displayName: 'B' });
  });

  it.each([
    ['an unknown type', { ...envelope(1, {}), type: 'demo.thing.vanished' }, 'CONTRACT.UNKNOWN_TYPE'],
    ['a version newer than known', envelope(3, {}), 'CONTRACT.UNKNOWN_VERSION'],
    ['a payload off its schema', envelope(2, { displayName: 5 }), 'CONTRACT.INVALID_PAYLOAD'],
    ['a broken envelope', { type: 'demo.thing.renamed' }, 'CONTRACT.INVALID_ENVELOPE'],
  ])('refuses %s', (_what, raw, code) => {
    expect(() => registry.parse(raw)).toThrow(expect.objectContaining({ code }));
    expect(() => registry.parse(raw)).toThrow(ContractError);
  });

  it('derives one topic per aggregate', () => {
    expect(registry.topics()).toEqual(['demo.thing.events.v1']);
  });

  it('refuses an event name or topic that breaks the naming rules', () => {
    const audit = { category: 'system', action: 'x', resourceType: 'x', severity: 'low' } as const;
    expect(() => defineEvent({ type: 'badname', version: 1, aggregateType: 'x', topic: 'x', schema: z.object({}), audit })).toThrow(
      /must be/,
    );
    expect(() =>
      defineEvent({ type: 'a.b.happened', version: 1, aggregateType: 'b', topic: 'a.c.events.v1', schema: z.object({}), audit }),
    ).toThrow(/topic a.b.events.v1/);
  });
});
