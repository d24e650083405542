import { compile } from 'html-to-text';

const skip = (selector: string) => ({ selector, format: 'skip' });
const block = (selector: string) => ({ selector, format: 'block' });

// Visible text of an HTML document (html-to-text, on htmlparser2 and its entity decoding): the
// title and the body; scripts, styles, templates, SVG, images and comments go; block elements
// (list items and table rows included) become line breaks; links keep their text only, headings
// their case; table cells are spaced; no wrapping (later stages collapse whitespace).
export const htmlToText: (html: string) => string = compile({
  wordwrap: false,
  baseElements: { selectors: ['html'], returnDomByDefault: true },
  selectors: [
    ...['script', 'style', 'noscript', 'template', 'svg', 'img'].map(skip),
    ...['title', 'ul', 'ol', 'li', 'table', 'tr', 'hr', 'dd', 'dt'].map(block),
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'td', format: 'inlineSurround', options: { suffix: ' ' } },
    { selector: 'th', format: 'inlineSurround', options: { suffix: ' ' } },
  ],
});
