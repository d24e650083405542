import { tokenize } from './text-tokens';

export type Language = 'en' | 'fr' | 'de' | 'es';

export const STOPWORDS: Record<Language, readonly string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'it', 'with', 'as', 'was', 'on', 'are', 'this', 'be', 'by', 'at', 'or', 'from', 'an', 'have', 'has', 'not', 'but', 'they', 'their', 'which', 'we', 'you', 'will', 'can', 'its', 'were', 'been', 'more', 'also', 'a', 'i', 'our', 'all', 'into', 'than', 'about', 'these', 'there', 'would', 'after'],
  fr: ['le', 'la', 'les', 'de', 'des', 'du', 'et', 'en', 'un', 'une', 'est', 'que', 'qui', 'dans', 'pour', 'pas', 'sur', 'au', 'aux', 'avec', 'ce', 'ces', 'il', 'elle', 'ils', 'sont', 'par', 'plus', 'ont', 'mais', 'nous', 'vous', 'leur', 'leurs', 'cette', 'été', 'être', 'se', 'sa', 'son', 'ses', 'ou', 'où', 'comme', 'a', 'à', 'l', 'd', 'y', 'ne', 'même'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'ein', 'eine', 'zu', 'den', 'dem', 'mit', 'von', 'sich', 'des', 'auf', 'für', 'im', 'es', 'auch', 'als', 'an', 'wird', 'werden', 'sind', 'bei', 'nach', 'aus', 'einer', 'wie', 'oder', 'aber', 'wir', 'sie', 'ich', 'noch', 'hat', 'haben', 'über', 'dass'],
  es: ['el', 'la', 'los', 'las', 'de', 'del', 'y', 'en', 'un', 'una', 'es', 'que', 'por', 'con', 'para', 'no', 'se', 'su', 'sus', 'al', 'lo', 'como', 'más', 'pero', 'fue', 'son', 'está', 'este', 'esta', 'muy', 'también', 'sobre', 'entre', 'ha', 'han', 'o', 'cuando', 'nos', 'sin', 'desde'],
};
const SETS = Object.fromEntries(Object.entries(STOPWORDS).map(([k, v]) => [k, new Set(v)])) as Record<Language, Set<string>>;

// Stopword voting: the language whose function words cover the most tokens wins, if it has at
// least 3 hits and beats the runner-up by a clear margin; otherwise the language is unknown.
export function detectLanguage(text: string): Language | null {
  const tokens = tokenize(text.slice(0, 20_000));
  if (tokens.length === 0) return null;
  const scores = (Object.keys(SETS) as Language[]).map((lang) => ({ lang, hits: tokens.filter((t) => SETS[lang].has(t)).length }));
  scores.sort((a, b) => b.hits - a.hits);
  const [best, second] = scores;
  if (!best || best.hits < 3 || (second && best.hits < second.hits * 1.3)) return null;
  return best.lang;
}

// Ingestion may say "en", "en-US", "english", "French"...
export function languageCode(raw: string | null | undefined): Language | null {
  const v = (raw ?? '').trim().toLowerCase();
  if (!v) return null;
  const map: Record<string, Language> = { en: 'en', english: 'en', fr: 'fr', french: 'fr', français: 'fr', de: 'de', german: 'de', deutsch: 'de', es: 'es', spanish: 'es', español: 'es' };
  return map[v] ?? map[v.split(/[-_]/)[0]!] ?? null;
}

export type TsConfig = 'english' | 'french' | 'german' | 'spanish' | 'simple';

export function tsConfigFor(language: string | null): TsConfig {
  const map: Record<Language, TsConfig> = { en: 'english', fr: 'french', de: 'german', es: 'spanish' };
  const code = languageCode(language);
  return code ? map[code] : 'simple';
}
