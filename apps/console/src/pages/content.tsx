import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, errorText } from '../api/client';
import type { paths } from '../../../../packages/api-types/openapi';
import { Alert, dateTime } from '../components/form';
import { size } from './contents';

type Content = paths['/api/v1/contents/{id}']['get']['responses'][200]['content']['application/json'];

// How much of the preview the page shows: the API keeps the first 1000 characters; a longer
// one (should that change) is cut here rather than filling the screen.
export const PREVIEW_CHARS = 1000;

// One fetched content: its facts and the start of its text, shown as text (React escapes it;
// it is never parsed as HTML, whatever it holds).
export default function ContentPage() {
  const { id = '' } = useParams();
  const [content, setContent] = useState<Content | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.GET('/api/v1/contents/{id}', { params: { path: { id } } }).then(({ data, error: failed }) => {
      if (failed || !data) setError(errorText(failed));
      else setContent(data);
    });
  }, [id]);

  if (!content) return error ? <Alert>{error}</Alert> : <p aria-busy="true">Loading…</p>;
  const preview = content.preview ?? '';
  const clipped = Array.from(preview).length > PREVIEW_CHARS;
  const shown = clipped ? Array.from(preview).slice(0, PREVIEW_CHARS).join('') : preview;
  const whole = Array.from(preview).length < PREVIEW_CHARS;
  return (
    <>
      <hgroup>
        <h1 className="break">{content.name ?? `Content ${content.contentNumber}`}</h1>
        <p>
          <Link to="/contents">All contents</Link> · <Link to={`/contents?fluxId=${content.fluxId}`}>from its data source</Link> ·{' '}
          <Link to="/search">Search the contents</Link>
        </p>
      </hgroup>
      <dl className="facts">
        <dt>Type</dt>
        <dd>{content.mimeType ?? '—'}</dd>
        <dt>Size</dt>
        <dd>{size(content.sizeBytes)}</dd>
        <dt>Language</dt>
        <dd>{content.language ?? '—'}</dd>
        <dt>Words</dt>
        <dd>{content.wordCount ?? '—'}</dd>
        <dt>Fetched</dt>
        <dd>{dateTime(content.fetchedAt)}</dd>
        <dt>SHA-256</dt>
        <dd className="break">
          <code>{content.sha256}</code>
        </dd>
      </dl>
      <h2>Preview</h2>
      {content.preview === null ? (
        <p>No text preview (binary content).</p>
      ) : (
        <>
          <div className="content-preview" role="region" aria-label="Preview of the text" tabIndex={0}>
            <pre data-testid="content-preview">{shown}</pre>
          </div>
          <p className="muted">{whole ? 'The whole text.' : `The first ${PREVIEW_CHARS} characters.`}</p>
        </>
      )}
    </>
  );
}
