import { byAdmissionOrder, RunSlots, runsToAdmit, WaitingRun } from './run-slots';

// Waiting runs are named by the order they were created in (number) and their priority.
const run = (number: number, priority: number, holder: number | null = 7): WaitingRun => ({
  executionId: `run-${number}`,
  priority,
  number,
  holder,
});
const given = (slots: Partial<RunSlots>): RunSlots => ({ running: 0, heldBy: {}, limit: 5, perUserLimit: 3, waiting: [], ...slots });
const admitted = (slots: RunSlots) => runsToAdmit(slots).map((r) => r.executionId);

describe('run slots: which waiting runs start', () => {
  it('given the slots are full, when runs wait, then none starts', () => {
    expect(admitted(given({ running: 5, waiting: [run(1, 100)] }))).toEqual([]);
  });

  it('given one slot frees, when a low then a high priority run wait, then the high one starts first', () => {
    expect(admitted(given({ running: 4, waiting: [run(1, -10, 1), run(2, 50, 2)] }))).toEqual(['run-2']);
  });

  it('given runs of one priority wait, when slots free, then they start first come, first served', () => {
    expect(admitted(given({ running: 3, waiting: [run(12, 0, 1), run(10, 0, 2), run(11, 0, 3)] }))).toEqual(['run-10', 'run-11']);
  });

  it('given several free slots, when runs of mixed priorities wait, then they start by priority, then by arrival', () => {
    const waiting = [run(1, 0, 1), run(2, 10, 2), run(3, -5, 3), run(4, 10, 4), run(5, 0, 5)];
    expect(admitted(given({ running: 1, waiting }))).toEqual(['run-2', 'run-4', 'run-1', 'run-5']);
    expect([...waiting].sort(byAdmissionOrder).map((r) => r.number)).toEqual([2, 4, 1, 5, 3]);
  });

  it("given the first in line belongs to a user at their cap, when a slot frees, then it keeps its place and the next user's run starts", () => {
    const slots = given({ running: 3, heldBy: { 7: 3 }, waiting: [run(1, 90, 7), run(2, 0, 8)] });
    expect(admitted(slots)).toEqual(['run-2']);
    // Once one of the user's runs ends, theirs starts first again.
    expect(admitted({ ...slots, running: 2, heldBy: { 7: 2 } })).toEqual(['run-1', 'run-2']);
  });

  it("given a user's waiting runs, when slots free, then the per-user cap counts the runs started in this pass", () => {
    expect(admitted(given({ running: 1, heldBy: { 7: 1 }, waiting: [run(1, 0), run(2, 0), run(3, 0)] }))).toEqual(['run-1', 'run-2']);
  });

  it('given a run charged to nobody (a system run), when a slot frees, then only the global limit applies', () => {
    expect(admitted(given({ running: 4, heldBy: {}, perUserLimit: 0, waiting: [run(1, 0, null)] }))).toEqual(['run-1']);
  });

  it('given a lowered limit, when more runs are in progress than it allows, then none starts', () => {
    expect(admitted(given({ running: 7, limit: 5, waiting: [run(1, 100)] }))).toEqual([]);
  });
});
