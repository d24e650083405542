// What a round needs of a stage answer: the run it is about.
type Answer = { payload: { executionId?: unknown } };

// The answers in order, cut into rounds in which each execution appears once at most: a second
// answer about a run is decided on what the first one's round wrote.
export function rounds<A extends Answer>(answers: A[]): A[][] {
  const out: A[][] = [];
  let round: A[] = [];
  let seen = new Set<string>();
  for (const answer of answers) {
    const executionId = String(answer.payload.executionId).toLowerCase();
    if (seen.has(executionId)) {
      out.push(round);
      round = [];
      seen = new Set();
    }
    seen.add(executionId);
    round.push(answer);
  }
  if (round.length > 0) out.push(round);
  return out;
}
