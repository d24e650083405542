import { analyseContent, detectEncoding, detectLanguage, detectMimeType, extensionFor, words } from './content-analysis';

describe('content analysis', () => {
  it('takes the mime type from the source, then the name, then the bytes', () => {
    expect(detectMimeType(Buffer.from('x'), 'a.bin', 'text/csv; charset=utf-8')).toBe('text/csv');
    expect(detectMimeType(Buffer.from('x'), 'report.PDF', 'application/octet-stream')).toBe('application/pdf');
    expect(detectMimeType(Buffer.from('%PDF-1.7'), 'noext', null)).toBe('application/pdf');
    expect(detectMimeType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d]), 'x', null)).toBe('image/png');
    expect(detectMimeType(Buffer.from('plain words'), 'x', null)).toBe('text/plain');
    expect(detectMimeType(Buffer.from([0, 1, 2, 3]), 'x', null)).toBe('application/octet-stream');
  });
  it('derives the extension from the name or the mime type', () => {
    expect(extensionFor('text/plain', 'notes.md')).toBe('md');
    expect(extensionFor('application/json', 'items#3')).toBe('json');
    expect(extensionFor('application/x-unknown', 'noext')).toBeNull();
  });
  it('detects encodings and byte-order marks', () => {
    expect(detectEncoding(Buffer.from('héllo', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('hi')]))).toBe('utf-8-bom');
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x68, 0x00]))).toBe('utf-16le');
    expect(detectEncoding(Buffer.from([0xc3, 0x28]))).toBeNull();
    expect(detectEncoding(Buffer.from([0x00, 0x01, 0x02]))).toBeNull();
  });
  it('guesses en/fr/de/es by stopwords, else null', () => {
    expect(detectLanguage('The cat is on the mat and it is happy with the sun')).toBe('en');
    expect(detectLanguage('Le chat est sur le tapis et il est dans la maison avec les enfants')).toBe('fr');
    expect(detectLanguage('Der Hund ist nicht in dem Haus und die Katze ist auch nicht da')).toBe('de');
    expect(detectLanguage('El perro está en la casa y los niños juegan con el gato para su madre')).toBe('es');
    expect(detectLanguage('12 34 56')).toBeNull();
    expect(detectLanguage('the')).toBeNull();
  });
  it('counts words and cuts the preview at 1000 characters', () => {
    expect(words("It's a test, isn't it? 42")).toEqual(["it's", 'a', 'test', "isn't", 'it', '42']);
    const facts = analyseContent(Buffer.from('é'.repeat(1500)), 'big.txt', null);
    expect(facts.preview).toHaveLength(1000);
    expect(facts.wordCount).toBe(1);
    expect(facts.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(facts.sizeBytes).toBe(3000);
  });
  it('leaves binary content without encoding, preview or words', () => {
    const facts = analyseContent(Buffer.from('%PDF-1.4 binary'), 'doc.pdf', null);
    expect(facts).toMatchObject({
      mimeType: 'application/pdf',
      extension: 'pdf',
      encoding: null,
      preview: null,
      wordCount: null,
      language: null,
    });
  });
});
