// kafkajs 2.2.4 (its last release) re-arms a timer per broker connection every millisecond even
// when nothing waits to be sent (scheduleCheckPendingRequests with no throttle computes a negative
// delay: tulios/kafkajs#1556, #1704): about 3 % of a core per idle process here. Nothing needs
// that check when no request is pending and no throttle is on: a pushed request is sent at once
// or schedules its own check, and every response checks the queue. So it is skipped then; with a
// request pending or a throttle on, kafkajs's own scheduling runs unchanged.
type RequestQueue = { pending: unknown[]; throttledUntil: number; scheduleCheckPendingRequests(): void };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const requestQueue = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueue & { quietWhenIdle?: true } };

export function quietKafkajsWhenIdle(): void {
  const proto = requestQueue.prototype;
  if (proto.quietWhenIdle) return;
  const schedule = proto.scheduleCheckPendingRequests;
  proto.scheduleCheckPendingRequests = function (this: RequestQueue) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    schedule.call(this);
  };
  proto.quietWhenIdle = true;
}
