import { ReportColumn } from './report-rows';
import { columnLetter, XLSX_MAX_TEXT, xlsxCell, xlsxColumnWidth, xlsxSheetName, xlsxTotalsRow } from './xlsx-writer';

describe('xlsx writer', () => {
  it('types cells by their column: numbers, real dates, booleans, text (never a formula), lists joined', () => {
    expect(xlsxCell(12.5, 'number')).toBe(12.5);
    expect(xlsxCell(Infinity, 'number')).toBeNull();
    expect(xlsxCell('2026-11-20T10:00:30.250Z', 'datetime')).toEqual(new Date('2026-11-20T10:00:30.250Z'));
    expect(xlsxCell('not a time', 'datetime')).toBe('not a time');
    expect(xlsxCell('2026-11-20T10:00:30.250Z', 'string')).toBe('2026-11-20T10:00:30.250Z');
    expect(xlsxCell('=1+1', 'string')).toBe('=1+1');
    expect(xlsxCell(['a', 'b'], 'list')).toBe('a; b');
    expect(xlsxCell(false, 'string')).toBe(false);
    expect(xlsxCell(null, 'number')).toBeNull();
    expect(String(xlsxCell('x'.repeat(40_000), 'string'))).toHaveLength(XLSX_MAX_TEXT);
  });

  it('names columns A..Z, AA.. and sheets within Excel rules', () => {
    expect([0, 25, 26, 51, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
    expect(xlsxSheetName('Runs: a/b [x]?')).toBe('Runs  a b  x');
    expect(xlsxSheetName('x'.repeat(40))).toHaveLength(31);
    expect(xlsxSheetName('***')).toBe('Report');
    expect(xlsxColumnWidth({ name: 'created_at', kind: 'datetime', summed: false })).toBe(25);
  });

  it('writes a totals row: the label in the first column not summed, SUBTOTAL formulas with their values', () => {
    const columns: ReportColumn[] = [
      { name: 'run_number', kind: 'number', summed: false },
      { name: 'status', kind: 'string', summed: false },
      { name: 'bytes', kind: 'number', summed: true },
    ];
    expect(xlsxTotalsRow(columns, { rows: 2, sums: { bytes: 0.1 + 0.2 } }, 2, 3)).toEqual([
      'Total (2 rows)',
      null,
      { formula: 'SUBTOTAL(109,C2:C3)', result: 0.3 },
    ]);
    expect(xlsxTotalsRow(columns.slice(2), { rows: 1, sums: { bytes: 4 } }, 2, 2)).toEqual([
      { formula: 'SUBTOTAL(109,A2:A2)', result: 4 },
      'Total (1 row)',
    ]);
    expect(xlsxTotalsRow(columns, { rows: 0, sums: { bytes: null } }, 2, 1)).toEqual(['Total (0 rows)', null, 0]);
  });
});
