import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { api, errorText } from '../api/client';
import type { paths } from '../../../../packages/api-types/openapi';
import { DataSourceForm, type DataSource } from '../components/data-source-form';
import { Alert, Status, dateTime } from '../components/form';
import { whereOf } from './data-sources';

type PatchBody = paths['/api/v1/data-sources/{id}']['patch']['requestBody']['content']['application/json'];

// One data source: what it reads, which secrets are set (never their values), edit, archive.
export default function DataSourcePage() {
  const { id = '' } = useParams();
  const [source, setSource] = useState<DataSource | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.GET('/api/v1/data-sources/{id}', { params: { path: { id } } }).then(({ data, error: failed }) => {
      if (failed || !data) setError(errorText(failed));
      else setSource(data);
    });
  }, [id]);

  const save = async (body: Record<string, unknown>) => {
    setSaved(null);
    if (Object.keys(body).length === 0) return (setSaved('Nothing changed.'), null);
    const { data, error: failed } = await api.PATCH('/api/v1/data-sources/{id}', { params: { path: { id } }, body: body as PatchBody });
    if (failed || !data) return failed ?? { error: { code: 'CONSOLE.NO_ANSWER', message: 'No answer' } };
    setSource(data);
    setSaved(`Saved (version ${data.version}).`);
    return null;
  };
  const archive = async () => {
    const { data, error: failed } = await api.POST('/api/v1/data-sources/{id}/archive', { params: { path: { id } } });
    if (failed || !data) setError(errorText(failed));
    else setSource(data);
  };

  if (!source) return error ? <Alert>{error}</Alert> : <p aria-busy="true">Loading…</p>;
  const archived = source.status === 'archived';
  return (
    <>
      <hgroup>
        <h1>{source.name}</h1>
        <p>
          {source.type} · <Status value={source.status} /> · version {source.version} · changed {dateTime(source.updatedAt)}
        </p>
      </hgroup>
      <p>
        Reads <code className="break">{whereOf(source)}</code>
      </p>
      {source.description && <p>{source.description}</p>}
      <p data-testid="secrets-set">
        Secrets: {source.credentialsSet.length > 0 ? source.credentialsSet.map((c) => `${c}: set`).join(', ') : 'none'}
      </p>
      <p>
        <Link to={`/contents?fluxId=${source.id}`}>Contents fetched from it</Link> · <Link to="/data-sources">All data sources</Link>
      </p>
      {archived ? (
        <p>Archived {dateTime(source.archivedAt)}: it can no longer be changed or read by runs.</p>
      ) : (
        <>
          <h2>Edit</h2>
          {/* Keyed by version: the fields start again from what was saved. */}
          <DataSourceForm key={source.version} source={source} submitLabel="Save changes" onSubmit={save} />
          <p role="status">{saved}</p>
          <Button className="secondary" onPress={() => void archive()}>
            Archive
          </Button>
        </>
      )}
      <Alert>{error}</Alert>
    </>
  );
}
