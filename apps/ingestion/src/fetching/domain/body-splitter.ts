export type BodyFormat = 'auto' | 'json' | 'ndjson' | 'csv' | 'text';

export type SplitItem = { bytes: Buffer; mimeType: string | null; suffix: string | null };

// How an `api` response becomes content items: a JSON array gives one item per element, NDJSON
// one per non-empty line, anything else (CSV, text, binary, a JSON object) one item holding the
// body's bytes unchanged.
export function splitBody(body: Buffer, contentType: string | null, format: BodyFormat = 'auto'): SplitItem[] {
  const mime = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const kind = format !== 'auto' ? format : detectFormat(mime);
  if (kind === 'ndjson') {
    const lines = stripBom(body)
      .toString('utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim().length > 0);
    return lines.map((line, i) => ({ bytes: Buffer.from(line, 'utf8'), mimeType: 'application/json', suffix: `#${i + 1}` }));
  }
  if (kind === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(stripBom(body).toString('utf8'));
    } catch {
      return [{ bytes: body, mimeType: mime || null, suffix: null }];
    }
    if (Array.isArray(parsed)) {
      return parsed.map((element, i) => ({
        bytes: Buffer.from(JSON.stringify(element), 'utf8'),
        mimeType: 'application/json',
        suffix: `#${i + 1}`,
      }));
    }
    return [{ bytes: body, mimeType: 'application/json', suffix: null }];
  }
  if (kind === 'csv') return [{ bytes: body, mimeType: 'text/csv', suffix: null }];
  if (kind === 'text') return [{ bytes: body, mimeType: mime.startsWith('text/') ? mime : 'text/plain', suffix: null }];
  return [{ bytes: body, mimeType: mime || null, suffix: null }];
}

function detectFormat(mime: string): BodyFormat | 'other' {
  if (
    mime === 'application/x-ndjson' ||
    mime === 'application/ndjson' ||
    mime === 'application/jsonl' ||
    mime === 'application/x-jsonlines'
  )
    return 'ndjson';
  if (mime === 'application/json' || mime.endsWith('+json')) return 'json';
  if (mime === 'text/csv') return 'csv';
  return 'other';
}

function stripBom(body: Buffer): Buffer {
  return body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? body.subarray(3) : body;
}
