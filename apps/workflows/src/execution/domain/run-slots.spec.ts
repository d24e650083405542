import { decideRunStart, RunSlots } from './run-slots';

const given = (slots: Partial<RunSlots>): RunSlots => ({ running: 0, limit: 5, holder: 7, heldByHolder: 0, perUserLimit: 3, ...slots });

describe('decideRunStart', () => {
  it('given free slots overall and for the user, when a run starts, then it may start', () => {
    expect(decideRunStart(given({ running: 4, heldByHolder: 2 }))).toBeNull();
  });

  it('given the user holds their cap, when they start another, then WORKFLOWS.USER_CONCURRENCY_LIMIT (409) with the numbers', () => {
    const refused = decideRunStart(given({ running: 3, heldByHolder: 3 }));
    expect(refused).toMatchObject({ code: 'WORKFLOWS.USER_CONCURRENCY_LIMIT', kind: 'conflict', details: { running: 3, limit: 3 } });
  });

  it('given another user holds their cap, when this user starts one, then it may start', () => {
    expect(decideRunStart(given({ running: 3, heldByHolder: 0 }))).toBeNull();
  });

  it('given the platform is full, when anyone starts a run, then WORKFLOWS.CONCURRENCY_LIMIT first', () => {
    expect(decideRunStart(given({ running: 5, heldByHolder: 3 }))).toMatchObject({
      code: 'WORKFLOWS.CONCURRENCY_LIMIT',
      details: { running: 5, limit: 5 },
    });
    expect(decideRunStart(given({ running: 5, holder: null }))).toMatchObject({ code: 'WORKFLOWS.CONCURRENCY_LIMIT' });
  });

  it('given a run charged to nobody (a system run), when it starts, then only the global limit applies', () => {
    expect(decideRunStart(given({ running: 4, holder: null, heldByHolder: 99 }))).toBeNull();
  });
});
