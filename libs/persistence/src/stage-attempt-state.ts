import { EntityManager } from '@mikro-orm/postgresql';

export type StageAttemptState = {
  // The stage stream's version (0: no event yet), to append the outcome at.
  version: number;
  // An outcome is on the stream already: a job run again finds its work done.
  answered: boolean;
  // A fresh number from the history's sequence (taken whatever the answer: gaps are harmless).
  nextId: number;
  // The job's status, its row locked until the commit (null: no job given, or no such row).
  jobStatus: string | null;
};

const SEQUENCE = /^[a-z_]+$/;

// What a worker needs before it writes a stage attempt's outcome, in one statement: the stage
// stream's version and whether it is answered, the history row's number and, when a job is given,
// the job row locked (its status read after any concurrent change, so a cancel is seen). Four
// round trips were spent on this per stage (bench/README.md, "Sixth session"). The version is
// read before the lock; a concurrent append at it fails on the stream's unique version, and the
// transaction is run again.
export async function stageAttemptState(
  em: EntityManager,
  o: { streamId: string; answeredBy: readonly string[]; sequence: string; jobId?: string },
): Promise<StageAttemptState> {
  if (!SEQUENCE.test(o.sequence)) throw new Error(`Not a sequence name: ${o.sequence}`);
  // Raw SQL (hot path, ADR 0014): one round trip for four reads.
  const [row] = await em.execute<{ v: number; answered: boolean; id: string; status: string | null }[]>(
    `SELECT s.v, s.answered, nextval('${o.sequence}') AS id,
            ${o.jobId === undefined ? 'NULL::text' : '(SELECT status FROM job WHERE id = ? FOR UPDATE)'} AS status
       FROM (SELECT COALESCE(max(version), 0) AS v, COALESCE(bool_or(type IN (${o.answeredBy.map(() => '?').join(', ')})), false) AS answered
               FROM stored_event WHERE stream_id = ?) s`,
    [...(o.jobId === undefined ? [] : [o.jobId]), ...o.answeredBy, o.streamId],
  );
  return { version: Number(row!.v), answered: Boolean(row!.answered), nextId: Number(row!.id), jobStatus: row!.status };
}
