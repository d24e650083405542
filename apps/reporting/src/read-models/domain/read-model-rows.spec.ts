import { ReadModelRow, writeRounds } from './read-model-rows';

const row = (kind: ReadModelRow['kind'], key: string, n: number): ReadModelRow => ({ kind, key, values: { n } });

describe('writeRounds', () => {
  it('puts rows of distinct targets in one round, grouped by kind and sorted by target', () => {
    const rounds = writeRounds([row('contentFetched', 'c2', 1), row('executionCreated', 'e1', 2), row('contentFetched', 'c1', 3)]);
    // Sorted by target inside a statement: concurrent batches lock shared rows in one order.
    expect(rounds).toEqual([
      new Map<string, unknown>([
        ['contentFetched', [{ n: 3 }, { n: 1 }]],
        ['executionCreated', [{ n: 2 }]],
      ]),
    ]);
  });

  it('writes a second write of one target in the next round, keeping the event order per target', () => {
    const rounds = writeRounds([
      row('executionCreated', 'e1', 1),
      row('executionStarted', 'e1', 2),
      row('executionCreated', 'e2', 3),
      row('executionFinished', 'e1', 4),
    ]);
    expect(rounds).toEqual([
      new Map([['executionCreated', [{ n: 1 }, { n: 3 }]]]),
      new Map([['executionStarted', [{ n: 2 }]]]),
      new Map([['executionFinished', [{ n: 4 }]]]),
    ]);
  });
});
