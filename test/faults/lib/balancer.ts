import { createConnection, createServer, Server, Socket } from 'node:net';

// What a Kubernetes Service is to the gateway: one address per service, spreading TCP connections
// round-robin over its replicas. A replica that refuses the connection (it is dead) is skipped for the
// next one, which is safe: not a byte of the request was sent. A connection already open to a replica
// that dies is cut, as it would be in a cluster; the caller sees the error.
export class Balancer {
  private server?: Server;
  private next = 0;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly port: number,
    private readonly backends: number[],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  private accept(client: Socket): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const first = this.next++ % this.backends.length;
    const attempt = (i: number) => {
      if (i === this.backends.length) return client.destroy();
      const upstream = createConnection({ host: '127.0.0.1', port: this.backends[(first + i) % this.backends.length]! });
      // Before 'connect' an error means refused (or unreachable): nothing was sent, try the next replica.
      const refused = () => {
        upstream.destroy();
        attempt(i + 1);
      };
      upstream.once('error', refused);
      upstream.once('connect', () => {
        upstream.off('error', refused);
        if (client.destroyed) return upstream.destroy(); // the caller gave up meanwhile
        this.sockets.add(upstream);
        upstream.on('close', () => this.sockets.delete(upstream));
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
