import { AddressInfo, createServer } from 'node:net';

// A port this test opened that accepts every connection and drops it at once: the upstream of a
// service the test platform does not run. Left unset, the gateway would use its default
// (127.0.0.1:3001…) and reach whatever platform runs there, instead of answering 502.
export async function startAbsentUpstream(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
