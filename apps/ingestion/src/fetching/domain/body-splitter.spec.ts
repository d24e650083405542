import { splitBody } from './body-splitter';

const text = (items: { bytes: Buffer }[]) => items.map((i) => i.bytes.toString('utf8'));

describe('splitBody', () => {
  it('gives one item per element of a JSON array', () => {
    const items = splitBody(Buffer.from('[{"a":1}, {"b":2}, 3]'), 'application/json; charset=utf-8');
    expect(text(items)).toEqual(['{"a":1}', '{"b":2}', '3']);
    expect(items.map((i) => i.suffix)).toEqual(['#1', '#2', '#3']);
  });
  it('keeps a JSON object whole, bytes unchanged', () => {
    const body = Buffer.from('{ "a": 1 }');
    expect(splitBody(body, 'application/json')).toEqual([{ bytes: body, mimeType: 'application/json', suffix: null }]);
  });
  it('gives one item per non-empty NDJSON line', () => {
    expect(text(splitBody(Buffer.from('{"a":1}\n\n{"a":2}\r\n'), 'application/x-ndjson'))).toEqual(['{"a":1}', '{"a":2}']);
  });
  it('keeps CSV and text whole', () => {
    const csv = Buffer.from('a,b\n1,2\n');
    expect(splitBody(csv, 'text/csv')).toEqual([{ bytes: csv, mimeType: 'text/csv', suffix: null }]);
    expect(splitBody(Buffer.from('hello'), 'text/plain')).toHaveLength(1);
  });
  it('follows an explicit format over the content type', () => {
    expect(text(splitBody(Buffer.from('[1,2]'), 'text/plain', 'json'))).toEqual(['1', '2']);
    expect(splitBody(Buffer.from('[1,2]'), 'application/json', 'text')).toHaveLength(1);
  });
  it('keeps an unparseable JSON body whole', () => {
    expect(splitBody(Buffer.from('[1,'), 'application/json')).toHaveLength(1);
  });
});
