// Words as letters and digits (any script); apostrophes and punctuation split words.
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function wordCount(text: string): number {
  return tokenize(text).length;
}
