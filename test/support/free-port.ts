import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';

// A port nothing listens on right now, for an app the test starts as its own process.
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
