// Two timers of kafkajs 2.2.4 (its last release) per broker connection keep an idle process busy
// (a service holds 9 to 14 connections), so both are changed here, on its request queue:
// - scheduleCheckPendingRequests re-arms itself every millisecond when nothing waits to be sent
//   (with no throttle it computes a negative delay: tulios/kafkajs#1556, #1704), about 3 % of a
//   core per process. Nothing needs that check when no request is pending and no throttle is on:
//   a pushed request is sent at once or schedules its own check, and every response checks the
//   queue. So it is skipped then; otherwise kafkajs's own scheduling runs unchanged.
// - the request-timeout sweep runs every 100 ms on each connection; our requests time out after
//   30 s at the least (createKafka), so once a second is as good, and one timer sweeps every
//   connection of the process (a dozen timers a second woke an idle service for nothing). Same
//   body as kafkajs's, another period, one timer.
const REQUEST_TIMEOUT_SWEEP_MS = 1_000;

type InflightRequest = { sentAt: number; requestTimeout: number; timeoutRequest(): void };
type RequestQueue = {
  pending: unknown[];
  throttledUntil: number;
  inflight: Map<number, InflightRequest>;
  enforceRequestTimeout: boolean;
  requestTimeout: number;
  requestTimeoutIntervalId?: NodeJS.Timeout;
  isConnected(): boolean;
  destroy(): void;
  scheduleCheckPendingRequests(): void;
  scheduleRequestTimeoutCheck(): void;
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const requestQueue = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueue & { quietWhenIdle?: true } };

// The request queues whose in-flight requests are swept for timeouts, and the one sweep timer.
const swept = new Set<RequestQueue>();
let sweepTimer: NodeJS.Timeout | undefined;

function sweepAll(): void {
  for (const queue of swept) {
    queue.inflight.forEach((request) => {
      if (Date.now() - request.sentAt > request.requestTimeout) request.timeoutRequest();
    });
    if (!queue.isConnected()) queue.destroy();
  }
}

export function quietKafkajsWhenIdle(): void {
  const proto = requestQueue.prototype;
  if (proto.quietWhenIdle) return;
  const schedule = proto.scheduleCheckPendingRequests;
  proto.scheduleCheckPendingRequests = function (this: RequestQueue) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    schedule.call(this);
  };
  proto.scheduleRequestTimeoutCheck = function (this: RequestQueue) {
    if (!this.enforceRequestTimeout) return;
    this.destroy();
    swept.add(this);
    sweepTimer ??= setInterval(sweepAll, REQUEST_TIMEOUT_SWEEP_MS);
  };
  const destroy = proto.destroy;
  proto.destroy = function (this: RequestQueue) {
    destroy.call(this);
    swept.delete(this);
    if (swept.size === 0 && sweepTimer) {
      clearInterval(sweepTimer);
      sweepTimer = undefined;
    }
  };
  proto.quietWhenIdle = true;
}
