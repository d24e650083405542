import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { NewEvent, streamIds } from '@mindhill/contracts';
import { EventContext, EventTransaction } from '@mindhill/persistence';
import { Who } from '@mindhill/platform';
import { rescheduleWorkflow } from '../../schedule/infrastructure/schedule-ticks.store';
import { NewWorkflowIds } from '../domain/workflow.decider';
import { Workflow } from '../domain/workflow.state';
import {
  findWorkflowState,
  requireProjectedWorkflow,
  requireWorkflow,
  toWorkflowState,
  visibleWorkflow,
  workflowNotFound,
  WorkflowRow,
} from './workflow.read-model';

// Loading a workflow's state for a decision and appending what was decided, on its stream.

// The workflow as the caller may see it (otherwise it does not exist for them), with the
// version of its stream, read first: a change committed in between fails the append, and the
// command runs again.
export async function loadWorkflow(tx: EventTransaction, id: string, who: Who): Promise<{ version: number; state: Workflow }> {
  // Stream ids use the uuid as PostgreSQL writes it (lower case), whatever the URL's case.
  const version = await tx.streamVersion(streamIds.workflow(id.toLowerCase()));
  const row = await findWorkflowState(tx.em, { uuid: id });
  if (!row) throw workflowNotFound(id);
  visibleWorkflow(row, who);
  return { version, state: toWorkflowState(row) };
}

// A template by name; null when there is none (or it is archived).
export async function findTemplate(em: EntityManager, templateName: string): Promise<Workflow | null> {
  const row = await findWorkflowState(em, { templateName });
  return row ? toWorkflowState(row) : null;
}

export async function newWorkflowIds(em: EntityManager): Promise<NewWorkflowIds> {
  const [row] = await em.execute<{ id: string }[]>(`SELECT nextval('workflows_id_seq') AS id`);
  return { workflowId: randomUUID(), workflowNumber: Number(row!.id) };
}

// A new workflow's stream; its first tick when it is scheduled. Answers with the projected row.
export async function appendNewWorkflow(tx: EventTransaction, ids: NewWorkflowIds, events: NewEvent[], context: EventContext) {
  await tx.append(streamIds.workflow(ids.workflowId), 0, events, context);
  const created = await requireProjectedWorkflow(tx.em, ids.workflowId);
  await rescheduleWorkflow(tx.em, created, new Date(), { created: true });
  return created;
}

// A change to a workflow. A change can move its schedule (cron, zone, status): its tick is
// planned again in the same transaction. Nothing decided, nothing to plan.
export async function appendWorkflowChange(
  tx: EventTransaction,
  state: Workflow,
  version: number,
  events: NewEvent[],
  context: EventContext,
): Promise<WorkflowRow> {
  await tx.append(streamIds.workflow(state.id), version, events, context);
  const row = await requireWorkflow(tx.em, state.id);
  if (events.length > 0) await rescheduleWorkflow(tx.em, row);
  return row;
}
