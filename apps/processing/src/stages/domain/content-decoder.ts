export type ContentFormat = 'json' | 'ndjson' | 'csv' | 'html' | 'text';
export type DecodedContent = { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin-1'; bom: boolean };

const MIME_FORMATS: Record<string, ContentFormat> = {
  'application/json': 'json',
  'text/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/x-jsonlines': 'ndjson',
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
};
const EXTENSION_FORMATS: Record<string, ContentFormat> = {
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  csv: 'csv',
  html: 'html',
  htm: 'html',
};

// The mime type decides; the extension is the fallback for a generic type (octet-stream, text/plain).
export function detectFormat(mimeType: string | null | undefined, extension: string | null | undefined): ContentFormat {
  const mime = (mimeType ?? '').split(';')[0]!.trim().toLowerCase();
  const byMime = MIME_FORMATS[mime] ?? (mime.endsWith('+json') ? 'json' : undefined);
  if (byMime) return byMime;
  const ext = (extension ?? '').replace(/^\./, '').toLowerCase();
  return EXTENSION_FORMATS[ext] ?? 'text';
}

// A BOM wins; otherwise strict UTF-8, and bytes that are not UTF-8 are read as latin-1 (every
// byte sequence is valid latin-1, so decoding never fails).
export function decodeBytes(bytes: Buffer): DecodedContent {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: bytes.subarray(2).toString('utf16le'), encoding: 'utf-16le', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return { text: swapped.toString('utf16le'), encoding: 'utf-16be', bom: true };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    return { text: bytes.toString('latin1'), encoding: 'latin-1', bom: false };
  }
}
