import { Platform, Type } from '@mikro-orm/core';

// PostgreSQL array literal for a text[] bind parameter (the driver would expand a JS array).
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

// PostgreSQL array literal for an integer[] bind parameter (cast with ?::int[]).
export function pgIntArray(values: readonly number[]): string {
  return `{${values.map((v) => Math.trunc(Number(v))).join(',')}}`;
}

// PostgreSQL arrays as entity properties, written as the array literals the raw statements
// write (every text element quoted, so 'NULL', '' or ' x ' stay strings). pg returns arrays
// already parsed; a literal (from a raw result) is parsed by the platform.
export class TextArrayType extends Type<string[] | null, string | null> {
  override convertToDatabaseValue(value: string[] | null): string | null {
    return value == null ? null : pgTextArray(value);
  }

  override convertToJSValue(value: string | string[] | null, platform: Platform): string[] | null {
    if (value == null) return null;
    return typeof value === 'string' ? platform.unmarshallArray(value) : value;
  }

  override compareAsType(): string {
    return 'string';
  }

  override getColumnType(): string {
    return 'text[]';
  }
}

export class IntArrayType extends Type<number[], string> {
  override convertToDatabaseValue(value: number[]): string {
    return pgIntArray(value);
  }

  override convertToJSValue(value: string | number[], platform: Platform): number[] {
    const list = typeof value === 'string' ? platform.unmarshallArray(value) : value;
    return list.map(Number);
  }

  override compareAsType(): string {
    return 'string';
  }

  override getColumnType(): string {
    return 'integer[]';
  }
}
