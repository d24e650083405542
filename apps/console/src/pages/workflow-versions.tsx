import { diffLines } from 'diff';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, errorText } from '../api/client';
import { Alert, dateTime } from '../components/form';

type Version = { version: number; definition: Record<string, unknown>; createdBy: number | null; createdAt: string };

// Every saved version of a workflow; two of them compared line by line (jsdiff), as text: the
// definition is the user's own data, never rendered as HTML.
export default function WorkflowVersionsPage() {
  const { id = '' } = useParams();
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.GET('/api/v1/workflows/{id}/versions', { params: { path: { id } } }).then(({ data, error: failed }) => {
      if (failed || !data) return setError(errorText(failed));
      setVersions(data.items);
      // Newest first: by default the latest change (the one before the newest, and the newest).
      setTo(data.items[0]?.version ?? null);
      setFrom(data.items[1]?.version ?? data.items[0]?.version ?? null);
    });
  }, [id]);

  const changes = useMemo(() => {
    const of = (v: number | null) => versions?.find((x) => x.version === v)?.definition;
    const a = of(from);
    const b = of(to);
    return a && b ? diffLines(pretty(a), pretty(b)) : [];
  }, [versions, from, to]);

  if (!versions) return error ? <Alert>{error}</Alert> : <p aria-busy="true">Loading…</p>;
  const picker = (label: string, id: string, value: number | null, onChange: (v: number) => void) => (
    <div>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            version {v.version} · {dateTime(v.createdAt)}
          </option>
        ))}
      </select>
    </div>
  );
  const added = changes.filter((c) => c.added).reduce((n, c) => n + c.count, 0);
  const removed = changes.filter((c) => c.removed).reduce((n, c) => n + c.count, 0);

  return (
    <>
      <hgroup>
        <h1>Versions</h1>
        <p>
          {versions.length} saved {versions.length === 1 ? 'version' : 'versions'}.{' '}
          <Link to={`/workflows/${id}`}>Back to the workflow</Link>
        </p>
      </hgroup>
      <div className="stage-row">
        {picker('Compare version', 'version-from', from, setFrom)}
        {picker('With version', 'version-to', to, setTo)}
      </div>
      <p role="status">{added === 0 && removed === 0 ? 'No differences.' : `${added} lines added, ${removed} lines removed.`}</p>
      <div className="diff" role="region" aria-label={`Changes from version ${from} to version ${to}`} tabIndex={0}>
        <pre>
          {changes.flatMap((c, i) =>
            lines(c.value).map((line, j) => {
              const key = `${i}-${j}`;
              if (c.added) return <ins key={key} className="diff-added">{`+ ${line}\n`}</ins>;
              if (c.removed) return <del key={key} className="diff-removed">{`- ${line}\n`}</del>;
              return <span key={key}>{`  ${line}\n`}</span>;
            }),
          )}
        </pre>
      </div>
    </>
  );
}

// JSON with keys in a fixed order, so only real changes show as lines.
function pretty(value: unknown): string {
  return JSON.stringify(sorted(value), null, 2);
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

const lines = (text: string) => text.replace(/\n$/, '').split('\n');
