import { EntityManager } from '@mikro-orm/postgresql';

// The workflows (not archived, not templates) whose fetching stages read a data source, oldest
// first. Ids in a configuration may be written in any case.
export async function workflowsReading(em: EntityManager, dataSourceId: string): Promise<string[]> {
  const rows = await em.execute<{ uuid: string }[]>(
    `SELECT w.uuid FROM workflows w
     WHERE w.status = 'active' AND NOT w.is_template AND EXISTS (
       SELECT 1 FROM jsonb_array_elements(w.configuration -> 'stages') s, jsonb_array_elements_text(s -> 'dataSources') d
       WHERE s ->> 'type' = 'fetching' AND lower(d) = lower(?))
     ORDER BY w.id`,
    [dataSourceId],
  );
  return rows.map((r) => r.uuid);
}

// Whether the workflow has a run of this webhook delivery already.
export async function runOfDelivery(em: EntityManager, workflowNumber: number, deliveryId: string): Promise<boolean> {
  const rows = await em.execute<unknown[]>(
    `SELECT 1 FROM workflow_executions WHERE workflow_id = ? AND execution_context #>> '{trigger,kind}' = 'webhook'
       AND execution_context #>> '{trigger,deliveryId}' = ?`,
    [workflowNumber, deliveryId],
  );
  return rows.length > 0;
}
