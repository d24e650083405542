import { EntityManager } from '@mikro-orm/postgresql';
import { ContentStore } from '../../../contents/infrastructure/content-store';
import { ReadContext, ResolvedSource, tooLarge } from './source-reader';

type Delivery = { uuid: string; id: number; content_hash: string; size_bytes: string; content_type: string | null };

// Every payload buffered since the last fetch is an item; the run marks them consumed in its
// completing transaction (consumedDeliveryIds on the fetching event).
export function webhookSourceReader(em: () => EntityManager, store: ContentStore, consumed: string[]) {
  return async (source: ResolvedSource, ctx: ReadContext): Promise<void> => {
    const deliveries = await em().execute<Delivery[]>(
      'SELECT uuid, id, content_hash, size_bytes, content_type FROM webhook_deliveries WHERE flux_id = ? AND consumed_by_fetching_id IS NULL ORDER BY id LIMIT 10000',
      [source.row.id],
    );
    for (const d of deliveries) {
      consumed.push(d.uuid);
      if (Number(d.size_bytes) > ctx.maxBytes) {
        ctx.fail(source, `delivery ${d.id}: ${tooLarge(Number(d.size_bytes), ctx.maxBytes)}`, false);
        continue;
      }
      try {
        await ctx.emit(source, `webhook-${d.id}`, await store.get(d.content_hash), d.content_type);
      } catch (error) {
        ctx.fail(source, `delivery ${d.id}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, false);
      }
    }
  };
}
