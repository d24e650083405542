import { createHash } from 'node:crypto';

export type ContentFacts = {
  sha256: string;
  sizeBytes: number;
  mimeType: string;
  extension: string | null;
  encoding: string | null;
  language: string | null;
  preview: string | null;
  wordCount: number | null;
};

const MIME_BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  jsonl: 'application/x-ndjson',
  xml: 'application/xml',
  html: 'text/html',
  htm: 'text/html',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  log: 'text/plain',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  zip: 'application/zip',
  gz: 'application/gzip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

const EXTENSION_BY_MIME: Record<string, string> = {
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'text/html': 'html',
  'application/yaml': 'yaml',
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'application/zip': 'zip',
  'application/gzip': 'gz',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
};

export function extensionOf(name: string): string | null {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || dot === base.length - 1) return null;
  const ext = base.slice(dot + 1).toLowerCase();
  return /^[a-z0-9]{1,10}$/.test(ext) ? ext : null;
}

// The mime type from, in order: what the source declared (unless generic), the name's
// extension, the bytes' magic numbers, and whether the bytes read as text.
export function detectMimeType(bytes: Buffer, name: string, declared: string | null): string {
  const given = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  if (given && given !== 'application/octet-stream') return given;
  const byName = MIME_BY_EXTENSION[extensionOf(name) ?? ''];
  if (byName) return byName;
  const magic = sniffMagic(bytes);
  if (magic) return magic;
  return detectEncoding(bytes) ? 'text/plain' : 'application/octet-stream';
}

export function extensionFor(mimeType: string, name: string): string | null {
  return extensionOf(name) ?? EXTENSION_BY_MIME[mimeType] ?? null;
}

function sniffMagic(bytes: Buffer): string | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46])) return 'application/pdf';
  if (starts([0x89, 0x50, 0x4e, 0x47])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (starts([0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  if (starts([0x1f, 0x8b])) return 'application/gzip';
  return null;
}

// 'utf-8-bom', 'utf-16le', 'utf-16be' from a byte-order mark; 'utf-8' when the bytes decode
// as UTF-8 without control characters other than whitespace; null for binary content.
export function detectEncoding(bytes: Buffer): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  let text: string;
  try {
    // stream: a multi-byte character cut by the sample window is not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 64 * 1024), { stream: bytes.length > 64 * 1024 });
  } catch {
    return null;
  }
  return hasControlCharacter(text) ? null : 'utf-8';
}

// C0 controls other than tab, line feed, vertical tab, form feed and carriage return.
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x08 || (code >= 0x0e && code <= 0x1f)) return true;
  }
  return false;
}

export function decodeText(bytes: Buffer, encoding: string | null): string | null {
  switch (encoding) {
    case 'utf-8':
      return bytes.toString('utf8');
    case 'utf-8-bom':
      return bytes.subarray(3).toString('utf8');
    case 'utf-16le':
      return new TextDecoder('utf-16le').decode(bytes.subarray(2));
    case 'utf-16be':
      return new TextDecoder('utf-16be').decode(bytes.subarray(2));
    default:
      return null;
  }
}

// Language by stopword counts: the language whose common words occur most, if at least three
// occur and it clearly leads (more than 1.5 times the runner-up); otherwise null.
const STOPWORDS: Record<string, readonly string[]> = {
  en: [
    'the',
    'and',
    'of',
    'to',
    'is',
    'in',
    'that',
    'it',
    'for',
    'was',
    'with',
    'are',
    'this',
    'be',
    'on',
    'not',
    'have',
    'you',
    'they',
    'from',
  ],
  fr: [
    'le',
    'la',
    'les',
    'et',
    'des',
    'est',
    'une',
    'un',
    'du',
    'que',
    'dans',
    'pour',
    'pas',
    'sur',
    'au',
    'avec',
    'ce',
    'il',
    'qui',
    'sont',
  ],
  de: [
    'der',
    'die',
    'und',
    'das',
    'ist',
    'nicht',
    'ein',
    'eine',
    'zu',
    'den',
    'mit',
    'sich',
    'des',
    'auf',
    'für',
    'auch',
    'dem',
    'sie',
    'ich',
    'wir',
  ],
  es: ['el', 'la', 'los', 'las', 'y', 'es', 'que', 'de', 'en', 'un', 'una', 'por', 'con', 'para', 'del', 'se', 'no', 'su', 'al', 'lo'],
};
const STOPWORD_SETS = Object.entries(STOPWORDS).map(([lang, words]) => [lang, new Set(words)] as const);

export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
}

export function detectLanguage(text: string): string | null {
  const counts = STOPWORD_SETS.map(([lang]) => [lang, 0] as [string, number]);
  for (const word of words(text.slice(0, 100_000))) {
    STOPWORD_SETS.forEach(([, set], i) => {
      if (set.has(word)) counts[i]![1]++;
    });
  }
  counts.sort((a, b) => b[1] - a[1]);
  const [best, second] = counts;
  if (!best || best[1] < 3 || best[1] <= (second?.[1] ?? 0) * 1.5) return null;
  return best[0];
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function analyseContent(bytes: Buffer, name: string, declaredMime: string | null): ContentFacts {
  const mimeType = detectMimeType(bytes, name, declaredMime);
  const binary =
    /^(image|audio|video)\//.test(mimeType) ||
    ['application/pdf', 'application/zip', 'application/gzip', 'application/octet-stream'].includes(mimeType) ||
    mimeType.startsWith('application/vnd.openxmlformats');
  const encoding = binary ? null : detectEncoding(bytes);
  const text = decodeText(bytes, encoding);
  return {
    sha256: sha256Hex(bytes),
    sizeBytes: bytes.length,
    mimeType: mimeType.slice(0, 100),
    extension: extensionFor(mimeType, name),
    encoding,
    language: text === null ? null : detectLanguage(text),
    preview: text === null ? null : Array.from(text.slice(0, 2000)).slice(0, 1000).join(''),
    wordCount: text === null ? null : words(text).length,
  };
}
