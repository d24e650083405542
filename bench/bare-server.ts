import Fastify from 'fastify';

// The bare baseline: plain Fastify, one JSON route, in a process of its own (as the gateway
// is). Usage: node dist/bench/bare-server.js <port>
async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get('/hello', async () => ({ hello: 'world' }));
  app.get('/health/live', async () => ({ status: 'ok', info: {}, error: {}, details: {} }));
  await app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  process.on('SIGINT', () => void app.close().then(() => process.exit(0)));
}

void main();
