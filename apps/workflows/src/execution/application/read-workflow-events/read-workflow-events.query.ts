import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { DomainError, Who } from '@mindhill/platform';
import { workflowEventsAfter } from '../../infrastructure/run-event-history.read-model';
import { lookupWorkflow } from '../../../workflow/infrastructure/workflow-lookup.read-model';
import { visibleWorkflow } from '../../../workflow/infrastructure/workflow.read-model';
import { ReadWorkflowEventsParams } from './read-workflow-events.schema';

// The events of a workflow's runs after a cursor (the event store's position), if the caller may
// see the workflow (the same rule as GET /workflows/:id). Without a cursor: none, and the
// position to follow from.
@Injectable()
export class ReadWorkflowEventsQuery {
  constructor(private readonly orm: MikroORM) {}

  async execute(workflowId: string, params: ReadWorkflowEventsParams, who: Who) {
    const workflow = visibleWorkflow(await lookupWorkflow(this.orm, workflowId), who);
    const em = this.orm.em.fork();
    const { items, head } = await workflowEventsAfter(em, workflow.id, params.after ?? null, params.limit);
    if (head === null) {
      // A write stayed open past the wait: nothing is certain yet. A stream that has a cursor
      // keeps it and asks again; a new one has no "now" to start from.
      if (params.after === undefined) throw historyBusy();
      return { items: [], cursor: params.after, more: false };
    }
    const more = items.length > 0 && items.length === params.limit;
    return { items, cursor: more ? items[items.length - 1]!.cursor : maxCursor(head, params.after), more };
  }
}

const historyBusy = () =>
  new DomainError('WORKFLOWS.EVENT_HISTORY_BUSY', 'The event history is being written to; try again shortly', 'unavailable');

// Positions are bigints, compared as such (a cursor from a client may be ahead of this horizon).
const maxCursor = (a: string, b: string | undefined) => (b !== undefined && BigInt(b) > BigInt(a) ? b : a);
