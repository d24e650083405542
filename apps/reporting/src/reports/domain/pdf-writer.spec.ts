import { pdfCellText, pdfLayout, periodLine, wrapText } from './pdf-writer';
import { ReportColumn } from './report-rows';

const column = (name: string, kind: ReportColumn['kind']): ReportColumn => ({ name, kind, summed: false });
const oneUnit = () => 1;

describe('pdf writer', () => {
  it('turns landscape beyond six columns and shares the width by column kind', () => {
    const few = pdfLayout([column('a', 'string'), column('n', 'number')]);
    expect(few).toMatchObject({ layout: 'portrait', size: 'A4', fontSize: 8 });
    expect(few.widths[0] / few.widths[1]).toBeCloseTo(3 / 1.4);
    expect(few.widths.reduce((a, b) => a + b)).toBeCloseTo(few.pageWidth - 2 * few.margin);
    const many = pdfLayout(Array.from({ length: 10 }, (_, i) => column(`c${i}`, 'string')));
    expect(many).toMatchObject({ layout: 'landscape', fontSize: 7 });
    expect(many.pageWidth).toBeGreaterThan(many.pageHeight);
  });

  it('flattens cell text to one line, lists joined, long text cut', () => {
    expect(pdfCellText('a\r\nb\tc')).toBe('a b c');
    expect(pdfCellText(['x', 'y'])).toBe('x; y');
    expect(pdfCellText(null)).toBe('');
    expect(pdfCellText(NaN)).toBe('');
    expect(pdfCellText(true)).toBe('true');
    expect(pdfCellText('x'.repeat(1000))).toHaveLength(300);
  });

  it('wraps at spaces into at most two lines and ends cut text with an ellipsis', () => {
    expect(wrapText('short', 10, oneUnit)).toEqual(['short']);
    expect(wrapText('hello big world', 10, oneUnit)).toEqual(['hello big', 'world']);
    expect(wrapText('hello big wide world out there', 10, oneUnit)).toEqual(['hello big', 'wide worl…']);
    expect(wrapText('abcdefghijklmnop', 5, oneUnit)).toEqual(['abcde', 'fghi…']);
    expect(wrapText('', 5, oneUnit)).toEqual(['']);
    expect(wrapText('abc', 0.5, oneUnit)).toEqual(['a', '…']);
  });

  it('states the period, either side open', () => {
    expect(periodLine()).toBe('Period: all time');
    expect(periodLine({ to: '2026-11-30T00:00:00Z' })).toBe('Period: … to 2026-11-30T00:00:00Z');
  });
});
