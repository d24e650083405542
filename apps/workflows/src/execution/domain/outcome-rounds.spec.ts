import { rounds } from './outcome-rounds';

const answer = (id: string, executionId: string) => ({ id, payload: { executionId } });

describe('rounds of stage answers', () => {
  it('given answers about distinct runs, when cut, then they form one round in order', () => {
    const batch = [answer('1', 'A'), answer('2', 'B'), answer('3', 'C')];
    expect(rounds(batch).map((r) => r.map((a) => a.id))).toEqual([['1', '2', '3']]);
  });

  it('given a second answer about a run, when cut, then it opens the next round (decided on what the first wrote)', () => {
    const batch = [answer('1', 'A'), answer('2', 'B'), answer('3', 'a'), answer('4', 'C'), answer('5', 'A')];
    expect(rounds(batch).map((r) => r.map((a) => a.id))).toEqual([['1', '2'], ['3', '4'], ['5']]);
  });

  it('given no answer, when cut, then there is no round', () => {
    expect(rounds([])).toEqual([]);
  });
});
