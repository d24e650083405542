import { tokenize } from './text-tokens';

export type ClassificationRule = { category: string; tags: string[]; keywords: string[] };
export type Classification = { category: string | null; tags: string[]; confidence: number | null; matchedKeywords: string[] };

export const CLASSIFICATION_ALGORITHM = 'keyword-rules-v1';

// keyword-rules-v1: a rule matches when the text contains at least one of its keywords (whole
// words or phrases, case-insensitive, after tokenisation). The category is the rule with the
// most distinct keywords found (ties: higher share, then the earlier rule); confidence is that
// rule's share of matched keywords (matched / keywords). Tags are the union of the tags of every
// matching rule, in rule order. No match: the default category with confidence 0, or nothing.
export function classify(text: string, rules: readonly ClassificationRule[], defaultCategory?: string): Classification {
  const haystack = ` ${tokenize(text).join(' ')} `;
  let best: { rule: ClassificationRule; matched: string[]; share: number } | null = null;
  const tags: string[] = [];
  for (const rule of rules) {
    const matched = [
      ...new Set(
        rule.keywords.filter((k) => {
          const needle = tokenize(k).join(' ');
          return needle.length > 0 && haystack.includes(` ${needle} `);
        }),
      ),
    ];
    if (matched.length === 0) continue;
    for (const tag of rule.tags) if (!tags.includes(tag)) tags.push(tag);
    const share = matched.length / new Set(rule.keywords).size;
    if (!best || matched.length > best.matched.length || (matched.length === best.matched.length && share > best.share)) {
      best = { rule, matched, share };
    }
  }
  if (best) return { category: best.rule.category, tags, confidence: round(best.share, 4), matchedKeywords: best.matched };
  return defaultCategory
    ? { category: defaultCategory, tags: [], confidence: 0, matchedKeywords: [] }
    : { category: null, tags: [], confidence: null, matchedKeywords: [] };
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
