// The code of the coded error a call throws, or null when it throws nothing: table-driven specs
// of decisions compare codes, not messages.
export function codeOf(fn: () => unknown): string | null {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code ?? null;
  }
  return null;
}
