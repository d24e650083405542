// Polls an assertion until it passes or the deadline is reached; the last failure is thrown.
// A deadline here bounds waiting for asynchronous delivery; it is not a speed assertion.
export async function eventually<T>(
  assertion: () => Promise<T> | T,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let lastError: unknown;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 50));
  }
}
