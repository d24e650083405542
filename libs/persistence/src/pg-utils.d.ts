// pg's own conversion of a bound value to the text it sends: lib/utils.js, untyped in @types/pg.
declare module 'pg/lib/utils' {
  export function prepareValue(value: unknown): string | Buffer | null;
}
