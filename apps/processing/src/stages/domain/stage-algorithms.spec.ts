import { decodeBytes, detectFormat } from './content-decoder';
import { duplicateKey, hashOfHashes, sha256 } from './content-hash';
import { fieldStatistics, percentile } from './field-statistics';
import { htmlToText } from './html-to-text';
import { keywordCounts, summarize, topKeywords } from './keyword-extractor';
import { classify } from './keyword-classifier';
import { detectLanguage, tsConfigFor } from './language-detector';
import { runStage, StageItem } from './stage-processor';
import { numericFields, parseCsv } from './structured-data';
import { collapseWhitespace, normalizeText } from './text-normalizer';

const FLUX = '99999999-9999-4999-8999-999999999999';
const item = (contentId: string, text: string, format: StageItem['format'] = 'text', fluxId = FLUX): StageItem => ({
  contentId,
  fluxId,
  text,
  format,
  sourceLanguage: null,
  state: null,
});

describe('decoding', () => {
  it('honours a UTF-8 BOM, UTF-16 BOMs and falls back to latin-1', () => {
    expect(decodeBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x63, 0x61, 0x66, 0xc3, 0xa9]))).toEqual({
      text: 'café',
      encoding: 'utf-8',
      bom: true,
    });
    expect(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('né', 'utf16le')])).text).toBe('né');
    const be = Buffer.from('né', 'utf16le');
    be.swap16();
    expect(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toMatchObject({ text: 'né', encoding: 'utf-16be' });
    expect(decodeBytes(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toEqual({ text: 'café', encoding: 'latin-1', bom: false });
    expect(decodeBytes(Buffer.from('plain', 'utf8')).encoding).toBe('utf-8');
  });

  it('recognises formats by mime type, then extension', () => {
    expect(detectFormat('application/json; charset=utf-8', null)).toBe('json');
    expect(detectFormat('application/x-ndjson', null)).toBe('ndjson');
    expect(detectFormat('text/csv', 'txt')).toBe('csv');
    expect(detectFormat('text/html', null)).toBe('html');
    expect(detectFormat('application/vnd.api+json', null)).toBe('json');
    expect(detectFormat('application/octet-stream', '.CSV')).toBe('csv');
    expect(detectFormat('text/plain', null)).toBe('text');
  });
});

describe('normalization', () => {
  it('turns HTML into visible text with entities decoded', () => {
    const html =
      '<html><head><title>Report</title><style>p{color:red}</style><script>alert("x")</script></head>' +
      '<body><!-- hidden --><h1>Caf&eacute; &amp; Co</h1><p>Price:&nbsp;5&#8364; &lt;b&gt;</p></body></html>';
    const text = collapseWhitespace(htmlToText(html));
    expect(text).toBe('Report\n\nCafé & Co\n\nPrice:\u00a05€ <b>'.replace('\u00a0', ' '));
    expect(text).not.toMatch(/alert|color|hidden/);
  });

  it('applies NFKC, collapses whitespace within lines and keeps rows', () => {
    const out = normalizeText('ﬁne   ①\t\tx\r\n\r\n\r\n\r\na,b', 'text', {
      unicodeForm: 'NFKC',
      stripHtml: true,
      collapseWhitespace: true,
      lowercase: false,
    });
    expect(out).toEqual({ text: 'fine 1 x\n\na,b', format: 'text' });
    expect(normalizeText('ﬁ', 'text', { unicodeForm: 'NFC', stripHtml: true, collapseWhitespace: true, lowercase: true }).text).toBe('ﬁ');
  });
});

describe('language', () => {
  it('detects English, French, German and Spanish by stopwords', () => {
    expect(detectLanguage('The invoice for the order was paid and the receipt is in the mail')).toBe('en');
    expect(detectLanguage('La facture de la commande a été payée et le reçu est dans la boîte')).toBe('fr');
    expect(detectLanguage('Die Rechnung für die Bestellung ist bezahlt und der Beleg ist in der Post')).toBe('de');
    expect(detectLanguage('La factura del pedido fue pagada y el recibo está en el correo con los datos')).toBe('es');
    expect(detectLanguage('12 34 56')).toBeNull();
    expect(tsConfigFor('fr')).toBe('french');
    expect(tsConfigFor('en-US')).toBe('english');
    expect(tsConfigFor('pt')).toBe('simple');
    expect(tsConfigFor(null)).toBe('simple');
  });
});

describe('classification (keyword-rules-v1)', () => {
  const rules = [
    { category: 'finance', tags: ['money'], keywords: ['invoice', 'payment', 'bank transfer', 'refund'] },
    { category: 'support', tags: ['customer'], keywords: ['invoice', 'ticket'] },
  ];

  it('picks the rule with the most matched keywords; confidence is its share; tags of every matching rule', () => {
    const c = classify('Your invoice and payment by bank transfer.', rules);
    expect(c).toEqual({
      category: 'finance',
      tags: ['money', 'customer'],
      confidence: 0.75,
      matchedKeywords: ['invoice', 'payment', 'bank transfer'],
    });
  });

  it('breaks ties by share, then rule order; falls back to the default category', () => {
    expect(classify('invoice', rules)).toMatchObject({ category: 'support', confidence: 0.5 });
    expect(classify('nothing relevant', rules, 'other')).toEqual({ category: 'other', tags: [], confidence: 0, matchedKeywords: [] });
    expect(classify('nothing relevant', rules)).toMatchObject({ category: null, confidence: null });
    expect(classify('invoices', rules).category).toBeNull();
  });
});

describe('calculation', () => {
  it('computes count, sum, mean, min, max and interpolated p50/p95', () => {
    expect(fieldStatistics([40, 10, 30, 20])).toEqual({ count: 4, sum: 100, mean: 25, min: 10, max: 40, p50: 25, p95: 38.5 });
    expect(fieldStatistics([7])).toEqual({ count: 1, sum: 7, mean: 7, min: 7, max: 7, p50: 7, p95: 7 });
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBeCloseTo(9.55, 10);
  });

  it('reads numeric CSV columns (quoted fields, ; delimiter) and JSON/NDJSON records', () => {
    expect(parseCsv('a,b\n"x, ""y""",2\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', '2'],
    ]);
    const csv = numericFields('name;price;qty\nA;10;1\nB;n/a;2\n', 'csv');
    expect(Object.fromEntries(csv)).toEqual({ price: [10], qty: [1, 2] });
    const json = numericFields('[{"amount": 5, "meta": {"score": 1}, "label": "x"}, {"amount": 15}]', 'json');
    expect(Object.fromEntries(json)).toEqual({ amount: [5, 15], 'meta.score': [1] });
    expect(Object.fromEntries(numericFields('{"v":1}\n{"v":2}\n', 'ndjson'))).toEqual({ v: [1, 2] });
    expect(Object.fromEntries(numericFields('[{"a":1,"b":2}]', 'json', ['b']))).toEqual({ b: [2] });
    expect(() => numericFields('[{"a":', 'json')).toThrow(expect.objectContaining({ code: 'PROCESSING.INVALID_JSON' }));
  });
});

describe('analysis', () => {
  it('counts keywords without stopwords, numbers and short words; summarizes the first sentence', () => {
    const counts = keywordCounts('The river and the river bank. Les rivières et la rivière. 2024 ok', ['bank']);
    expect(topKeywords(counts, 2)).toEqual([
      { word: 'river', count: 2 },
      { word: 'rivière', count: 1 },
    ]);
    expect(summarize('First  sentence here. Second one!')).toBe('First sentence here.');
    expect(summarize('   ')).toBeNull();
    expect(summarize('x'.repeat(300))).toHaveLength(200);
  });
});

describe('hashing', () => {
  it('hashes ordered lists and recognises duplicates after normalization', () => {
    expect(hashOfHashes(['a', 'b'])).toBe(sha256('a\nb'));
    expect(hashOfHashes(['a', 'b'])).not.toBe(hashOfHashes(['b', 'a']));
    expect(duplicateKey('Hello   World\n')).toBe(duplicateKey('hello world'));
  });
});

describe('runStage', () => {
  it('refinement flags later copies of the same text as duplicates of the first', () => {
    const r = runStage(
      'refinement',
      { rules: [{ category: 'finance', tags: ['money'], keywords: ['invoice'] }], defaultCategory: 'other' },
      [
        item('11111111-1111-4111-8111-111111111111', 'An invoice to pay.'),
        item('22222222-2222-4222-8222-222222222222', 'Something else entirely.'),
        item('33333333-3333-4333-8333-333333333333', 'an  INVOICE to pay.'),
        item('44444444-4444-4444-8444-444444444444', 'An invoice to pay.', 'text', '88888888-8888-4888-8888-888888888888'),
      ],
    );
    expect(r.output).toEqual({
      categories: { finance: 3, other: 1 },
      duplicates: [{ contentId: '33333333-3333-4333-8333-333333333333', duplicateOf: '11111111-1111-4111-8111-111111111111' }],
    });
    expect(r.meanConfidence).toBeCloseTo(3 / 4, 4);
  });

  it('calculation counts an unparsable item as failed and keeps going', () => {
    const r = runStage('calculation', {}, [
      item('11111111-1111-4111-8111-111111111111', '[1', 'json'),
      item('22222222-2222-4222-8222-222222222222', 'v\n1\n3', 'csv'),
    ]);
    expect(r.failed).toEqual([
      expect.objectContaining({ contentId: '11111111-1111-4111-8111-111111111111', code: 'PROCESSING.INVALID_JSON' }),
    ]);
    expect(r.output).toEqual({ fields: { v: { count: 2, sum: 4, mean: 2, min: 1, max: 3, p50: 2, p95: 2.9 } } });
  });
});
