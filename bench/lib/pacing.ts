// Open-loop pacing for the paced senders: `send(dueAt, n)` for n = 0 … total − 1 at an even
// rate, each request on its own schedule whatever the answers do (a 1 ms tick sends every request
// whose time has come; dueAt is on performance.now()'s clock). Resolves once every request was
// sent and answered, with the seconds spent sending and the seconds until the last answer.
export async function sendPaced(
  rate: number,
  durationS: number,
  send: (dueAt: number, n: number) => Promise<void>,
): Promise<{ sent: number; sendingS: number; elapsedS: number }> {
  const total = Math.round(rate * durationS);
  const intervalMs = 1000 / rate;
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      while (sent < total && start + sent * intervalMs <= now) {
        const p = send(start + sent * intervalMs, sent);
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
        sent++;
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  const sendingS = (performance.now() - start) / 1000;
  await Promise.all([...inFlight]);
  return { sent, sendingS, elapsedS: (performance.now() - start) / 1000 };
}
