import { STOPWORDS } from './language-detector';
import { tokenize } from './text-tokens';

export type KeywordCount = { word: string; count: number };

const BUILT_IN_STOPWORDS = new Set(Object.values(STOPWORDS).flat());

// Word frequencies without stopwords (the built-in lists of every supported language plus the
// stage's own), numbers and words shorter than 3 letters; ties ordered alphabetically.
export function keywordCounts(text: string, extraStopwords: readonly string[] = []): Map<string, number> {
  const extra = new Set(extraStopwords.map((w) => w.toLowerCase()));
  const counts = new Map<string, number>();
  for (const t of tokenize(text)) {
    if (t.length < 3 || /^\p{N}+$/u.test(t) || BUILT_IN_STOPWORDS.has(t) || extra.has(t)) continue;
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

export function topKeywords(counts: ReadonlyMap<string, number>, n: number): KeywordCount[] {
  return [...counts.entries()]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
    .slice(0, n);
}

// The first sentence (up to 200 characters) of the text, on one line.
export function summarize(text: string): string | null {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return null;
  const sentence = flat.match(/^.+?[.!?](?=\s|$)/)?.[0] ?? flat;
  return sentence.length > 200 ? `${sentence.slice(0, 199).trimEnd()}…` : sentence;
}
