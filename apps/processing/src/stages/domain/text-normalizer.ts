import { ContentFormat } from './content-decoder';
import { htmlToText } from './html-to-text';

export type NormalizationSettings = { unicodeForm: 'NFKC' | 'NFC'; stripHtml: boolean; collapseWhitespace: boolean; lowercase: boolean };

// Whitespace is collapsed within lines and blank-line runs are kept to one, so CSV rows and
// paragraphs survive normalization and later stages can still parse them.
export function collapseWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function normalizeText(
  text: string,
  format: ContentFormat,
  settings: NormalizationSettings,
): { text: string; format: ContentFormat } {
  let out = text.replace(/^\uFEFF/, '');
  let outFormat = format;
  if (settings.stripHtml && format === 'html') {
    out = htmlToText(out);
    outFormat = 'text';
  }
  out = out.normalize(settings.unicodeForm);
  if (settings.lowercase) out = out.toLowerCase();
  if (settings.collapseWhitespace) out = collapseWhitespace(out);
  return { text: out, format: outFormat };
}
