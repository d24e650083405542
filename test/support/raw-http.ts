import { connect } from 'node:net';

export type RawAnswer = { status: number; headers: Record<string, string>; text: string; body: any };

// One HTTP/1.1 request written byte for byte: the request target goes out exactly as given (no
// URL normalisation of dot segments, no re-encoding), which fetch and http.request would not do.
export function rawRequest(
  baseUrl: string,
  method: string,
  target: string | Buffer,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');
  const head = [
    `Host: ${hostname}:${port}`,
    'Connection: close',
    ...Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    ...(body ? [`Content-Length: ${body.length}`] : []),
  ].join('\r\n');
  const request = Buffer.concat([
    Buffer.from(`${method} `, 'latin1'),
    Buffer.isBuffer(target) ? target : Buffer.from(target, 'latin1'),
    Buffer.from(` HTTP/1.1\r\n${head}\r\n\r\n`, 'latin1'),
    body ?? Buffer.alloc(0),
  ]);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${method} ${String(target)}`)));
    let done = false;
    const finish = () => {
      const answer = parseAnswer(Buffer.concat(chunks));
      if (!answer || done) return;
      done = true;
      socket.destroy();
      resolve(answer);
    };
    // Complete when the body is in (Content-Length or the last chunk), or when the server closes:
    // a proxied answer may say keep-alive even to a client that asked to close.
    socket.on('data', (c) => {
      chunks.push(c);
      finish();
    });
    socket.on('error', (error) => {
      if (!done) reject(error);
    });
    socket.on('close', () => {
      if (done) return;
      const answer = parseAnswer(Buffer.concat(chunks), true);
      if (answer) {
        done = true;
        resolve(answer);
      } else reject(new Error(`connection closed without an answer to ${method} ${String(target)}`));
    });
    socket.write(request);
  });
}

function parseAnswer(bytes: Buffer, closed = false): RawAnswer | null {
  const split = bytes.indexOf('\r\n\r\n');
  if (split === -1) return null;
  const lines = bytes.subarray(0, split).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const rest = bytes.subarray(split + 4);
  let text: string;
  if (headers['transfer-encoding'] === 'chunked') {
    if (!rest.includes('\r\n0\r\n\r\n') && !rest.subarray(0, 5).equals(Buffer.from('0\r\n\r\n')) && !closed) return null;
    text = unchunk(rest);
  } else if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    if (rest.length < length && !closed) return null;
    text = rest.subarray(0, length).toString('utf8');
  } else {
    if (!closed) return null;
    text = rest.toString('utf8');
  }
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status, headers, text, body };
}

function unchunk(bytes: Buffer): string {
  const out: Buffer[] = [];
  let rest = bytes;
  for (;;) {
    const nl = rest.indexOf('\r\n');
    const size = parseInt(rest.subarray(0, nl).toString('latin1'), 16);
    if (!size) return Buffer.concat(out).toString('utf8');
    out.push(rest.subarray(nl + 2, nl + 2 + size));
    rest = rest.subarray(nl + 2 + size + 2);
  }
}
