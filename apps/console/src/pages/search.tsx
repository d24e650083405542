import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Form } from 'react-aria-components';
import { api, errorText, type Page } from '../api/client';
import type { SearchHit } from '../api/views';
import { Alert, Field } from '../components/form';

// Full-text search over the fetched contents the user may see, with the matches highlighted.
export default function SearchPage() {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const { data, error: failed } = await api.GET('/api/v1/contents/search', { params: { query: { q } } });
    if (failed) setError(errorText(failed));
    else setHits((data as Page<SearchHit>).items);
  };

  return (
    <>
      <h1>Search contents</h1>
      <Form onSubmit={(e) => void submit(e)} role="search" aria-label="Search contents">
        <Field label="Words to find" name="q" type="search" value={q} onChange={setQ} isRequired />
        <Button type="submit">Search</Button>
      </Form>
      <Alert>{error}</Alert>
      {hits !== null && (
        <section aria-label="Results">
          <p role="status">{hits.length === 0 ? 'Nothing found.' : `${hits.length} result${hits.length === 1 ? '' : 's'}`}</p>
          {hits.map((hit) => (
            <article key={hit.contentId}>
              <h2 className="hit-title">{hit.name}</h2>
              <p>{highlighted(hit.snippet)}</p>
              <small className="muted">{[hit.category, hit.language, ...hit.tags].filter(Boolean).join(' · ')}</small>
            </article>
          ))}
        </section>
      )}
    </>
  );
}

// The snippet is HTML-escaped text with <b>…</b> around matches (processing's search query): it
// becomes text and <mark> elements, never HTML, so nothing in a content can run in the page.
export function highlighted(snippet: string): ReactNode[] {
  return snippet
    .split(/(<b>.*?<\/b>)/)
    .map((part, i) => (part.startsWith('<b>') ? <mark key={i}>{unescape(part.slice(3, -4))}</mark> : unescape(part)));
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
