import { csvCell, toCsv } from './csv-writer';

describe('csv writer', () => {
  it('writes a header and CRLF-terminated records', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          { a: 'x', b: 1 },
          { a: null, b: 2.5 },
        ],
      ),
    ).toBe('a,b\r\nx,1\r\n,2.5\r\n');
  });

  it.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['', ''],
  ])('escapes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('keeps numbers as numbers, negative ones included, and joins lists with ;', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(['a', 'b,c'])).toBe('"a;b,c"');
    expect(csvCell(['=x', 'y'])).toBe("'=x;y");
  });
});
