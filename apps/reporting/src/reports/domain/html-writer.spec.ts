import { escapeHtml, htmlChunks, toHtml } from './html-writer';

const heading = { title: 'Runs <b>&</b>', subtitle: 'Report #4, summary on executions', generatedAt: '2026-11-26T06:00:00.000Z' };

describe('html writer', () => {
  it('escapes &, <, >, and both quotes', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;');
  });

  it('writes a self-contained HTML5 document with charset, inline print style, and no external resource', () => {
    const html = toHtml(heading, ['status'], [{ status: 'Success' }]);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(html).toContain('@media print{');
    expect(html).toContain('thead{display:table-header-group}');
    expect(html).not.toMatch(/<(link|script|img|iframe)\b|src=|href=|url\(/i);
    expect(html).toContain('<title>Runs &lt;b&gt;&amp;&lt;/b&gt;</title>');
    expect(html).toContain('<time datetime="2026-11-26T06:00:00.000Z">2026-11-26T06:00:00.000Z</time>');
    expect(html).toContain('period all time');
    expect(html.endsWith('</html>\n')).toBe(true);
  });

  it('states the period of the run in ISO 8601, either side open', () => {
    const both = toHtml({ ...heading, period: { from: '2026-11-01T00:00:00Z', to: '2026-11-30T00:00:00Z' } }, ['n'], []);
    expect(both).toContain(
      'period <time datetime="2026-11-01T00:00:00Z">2026-11-01T00:00:00Z</time> to <time datetime="2026-11-30T00:00:00Z">',
    );
    expect(toHtml({ ...heading, period: { to: '2026-11-30T00:00:00Z' } }, ['n'], [])).toContain('period … to <time');
  });

  it('escapes every value and column name, lists joined, null and non-finite numbers empty', () => {
    const columns = ['name', '<script>col</script>', 'tags', 'n', 'ok', 'gone'];
    const html = toHtml(heading, columns, [
      { name: `<script>alert(1)</script> & "q" 'q'`, '<script>col</script>': 'v', tags: ['a<', 'b'], n: Infinity, ok: false, gone: null },
    ]);
    expect(html).not.toContain('<script>');
    expect(html).toContain(
      '<thead><tr><th scope="col">name</th><th scope="col">&lt;script&gt;col&lt;/script&gt;</th><th scope="col">tags</th>' +
        '<th scope="col">n</th><th scope="col">ok</th><th scope="col">gone</th></tr></thead>',
    );
    expect(html).toContain(
      '<tr><td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;q&#39;</td><td>v</td><td>a&lt;; b</td><td></td><td>false</td><td></td></tr>',
    );
  });

  it('writes one piece per row, between the head and the end, in order', () => {
    const rows = [
      { status: 'Failed', count: 1 },
      { status: 'Success', count: 2 },
    ];
    const chunks = [...htmlChunks(heading, ['status', 'count'], rows)];
    expect(chunks).toHaveLength(4);
    expect(chunks.slice(1, 3)).toEqual(['<tr><td>Failed</td><td>1</td></tr>\n', '<tr><td>Success</td><td>2</td></tr>\n']);
    expect(chunks[3]).toContain('2 rows');
  });

  it('reads the rows lazily, so a caller can write them as they come', () => {
    const seen: number[] = [];
    function* rows() {
      for (const n of [1, 2]) {
        seen.push(n);
        yield { n };
      }
    }
    const chunks = htmlChunks(heading, ['n'], rows());
    chunks.next();
    expect(seen).toEqual([]);
    chunks.next();
    expect(seen).toEqual([1]);
  });

  it('writes an empty report as the header row and a "No rows" line', () => {
    const html = toHtml(heading, ['status', 'count'], []);
    expect(html).toContain('<thead><tr><th scope="col">status</th><th scope="col">count</th></tr></thead>');
    expect(html).toContain('<tbody>\n<tr><td colspan="2">No rows</td></tr>\n</tbody>');
    expect(html).toContain('0 rows');
  });
});
