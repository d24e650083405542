import { Writable } from 'node:stream';
import { MultiBar, Presets, SingleBar } from 'cli-progress';
import { FollowState, StageProgress } from './follow-state';

export type ProgressView = { update(state: FollowState): void; stop(): void };

// On a terminal: one live bar per stage (redrawn in place on stderr).
export function barsView(stream: Writable & { isTTY?: boolean }): ProgressView {
  const bars = new MultiBar(
    {
      stream,
      format: ' {order}. {name} [{bar}] {percentage}% | {items} | {status}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      autopadding: true,
    },
    Presets.shades_classic,
  );
  const byOrder = new Map<number, SingleBar>();
  return {
    update(state) {
      for (const stage of state.stages) {
        const payload = { order: stage.order, name: stage.name.padEnd(14), items: items(stage), status: stage.status };
        const bar = byOrder.get(stage.order) ?? bars.create(100, 0, payload);
        byOrder.set(stage.order, bar);
        bar.update(Math.round(stage.percentage), payload);
      }
    },
    stop: () => bars.stop(),
  };
}

// Elsewhere (a pipe, a CI log): one line each time a stage changes status.
export function linesView(stream: Writable): ProgressView {
  const seen = new Map<number, string>();
  return {
    update(state) {
      for (const stage of state.stages) {
        if (seen.get(stage.order) === stage.status) continue;
        seen.set(stage.order, stage.status);
        if (stage.status !== 'Pending') stream.write(`stage ${stage.order} ${stage.name}: ${stage.status} (${items(stage)})\n`);
      }
    },
    stop: () => undefined,
  };
}

const items = (s: StageProgress) => `${s.itemsProcessed}/${s.itemsTotal} items`;
