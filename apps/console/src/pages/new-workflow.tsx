import { useEffect, useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { Link, useNavigate } from 'react-router';
import { api, errorText, type Page } from '../api/client';
import type { DataSource, Workflow } from '../api/views';
import { Alert, Field } from '../components/form';

// A workflow from one of the platform's templates: its name, the data sources it reads, active or not.
export default function NewWorkflowPage() {
  const navigate = useNavigate();
  const [templates, setTemplates] = useState<Workflow[]>([]);
  const [sources, setSources] = useState<DataSource[]>([]);
  const [template, setTemplate] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    void api.GET('/api/v1/workflow-templates').then(({ data }) => {
      const items = (data as Page<Workflow> | undefined)?.items ?? [];
      setTemplates(items);
      setTemplate((t) => t ?? items[0]?.templateName ?? null);
    });
    void api.GET('/api/v1/data-sources').then(({ data }) => setSources((data as Page<DataSource> | undefined)?.items ?? []));
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!template) return setError('Choose a template');
    const { data, error: failed } = await api.POST('/api/v1/workflow-templates/{templateName}/workflows', {
      params: { path: { templateName: template } },
      body: { name, dataSources: chosen, status: 'active' },
    });
    if (failed) {
      setError(errorText(failed));
      setFieldErrors(fieldErrorsOf(failed));
      return;
    }
    void navigate(`/workflows/${(data as Workflow).id}`);
  };

  return (
    <>
      <hgroup>
        <h1>New workflow from a template</h1>
        <p>
          Or <Link to="/workflows/new/blank">start from a blank workflow</Link>, stage by stage.
        </p>
      </hgroup>
      <Form onSubmit={(e) => void submit(e)} aria-label="New workflow">
        <label>
          Template
          <select name="template" value={template ?? ''} onChange={(e) => setTemplate(e.target.value)} required>
            {templates.map((t) => (
              <option key={t.id} value={t.templateName ?? ''}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <Field label="Name" name="name" value={name} onChange={setName} isRequired errorMessage={fieldErrors.name} />
        <fieldset aria-invalid={fieldErrors.dataSources ? true : undefined} aria-describedby="sources-error">
          <legend>Data sources</legend>
          {sources.length === 0 && <p className="muted">No data sources yet: create one through the API first.</p>}
          {sources.map((s) => (
            <label key={s.id}>
              <input
                type="checkbox"
                name="dataSources"
                value={s.id}
                checked={chosen.includes(s.id)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, s.id] : chosen.filter((id) => id !== s.id))}
              />
              {s.name} <span className="muted">({s.type})</span>
            </label>
          ))}
          <small id="sources-error" className="status-Failed">
            {fieldErrors.dataSources}
          </small>
        </fieldset>
        <Alert>{error}</Alert>
        <Button type="submit">Create workflow</Button>
      </Form>
    </>
  );
}

// The validation answer names each bad field (details.issues[].path): shown at the field.
function fieldErrorsOf(failed: unknown): Record<string, string> {
  const issues = (failed as { error?: { details?: { issues?: { path?: string; message?: string }[] } } }).error?.details?.issues;
  const out: Record<string, string> = {};
  for (const issue of issues ?? []) {
    const key = (issue.path ?? '').split('.')[0];
    if (key && !out[key]) out[key] = issue.message ?? 'Not valid';
  }
  return out;
}
