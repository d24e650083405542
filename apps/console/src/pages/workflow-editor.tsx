import { useEffect, useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Label, TextArea, TextField } from 'react-aria-components';
import { Link, useNavigate, useParams } from 'react-router';
import { api, errorText, type Page } from '../api/client';
import { fieldErrorsOf, errorAt, type FieldErrors } from '../api/field-errors';
import type { DataSource } from '../api/views';
import { Alert, Field } from '../components/form';
import { InputDeclarations } from '../components/input-declarations';
import { StageEditor } from '../components/stage-editor';
import { blankDraft, bodyOf, draftOf, type WorkflowDraft } from '../components/workflow-draft';

// A workflow written from scratch (`/workflows/new/blank`) or edited (`/workflows/:id/edit`). The
// API validates: its refusal is shown at the fields it names, and nothing is saved.
export default function WorkflowEditorPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<WorkflowDraft | null>(id ? null : blankDraft());
  const [loadedVersion, setLoadedVersion] = useState<number | null>(null);
  const [status, setStatus] = useState<'active' | 'inactive'>('active');
  const [sources, setSources] = useState<DataSource[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void api.GET('/api/v1/data-sources').then(({ data }) => setSources((data as Page<DataSource> | undefined)?.items ?? []));
    if (!id) return;
    void api.GET('/api/v1/workflows/{id}', { params: { path: { id } } }).then(({ data, error: failed }) => {
      if (failed || !data) return setError(errorText(failed));
      setDraft(draftOf(data));
      setLoadedVersion(data.version);
    });
  }, [id]);

  if (!draft) return error ? <Alert>{error}</Alert> : <p aria-busy="true">Loading…</p>;
  const set = (change: Partial<WorkflowDraft>) => setDraft({ ...draft, ...change });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    setErrors({});
    try {
      const body = bodyOf(draft);
      if (!id) {
        const { data, error: failed } = await api.POST('/api/v1/workflows', { body: { ...body, status } });
        if (failed || !data) return refused(failed);
        return void navigate(`/workflows/${data.id}`);
      }
      // From the version this edit started at: a change saved meanwhile refuses it (409
      // WORKFLOWS.VERSION_CONFLICT) instead of being overwritten by it.
      const { data, error: failed } = await api.PATCH('/api/v1/workflows/{id}', {
        params: { path: { id } },
        body: { ...body, expectedVersion: loadedVersion ?? undefined },
      });
      if (failed || !data) return refused(failed);
      void navigate(`/workflows/${data.id}`);
    } finally {
      setSaving(false);
    }
  };
  const refused = (failed: unknown) => {
    setError(errorText(failed));
    setErrors(fieldErrorsOf(failed));
  };

  const title = id ? `Edit ${draft.name || 'workflow'}` : 'New workflow';
  return (
    <>
      <hgroup>
        <h1>{id ? 'Edit workflow' : 'New workflow'}</h1>
        <p>
          {id ? (
            <>
              Saving makes version {(loadedVersion ?? 0) + 1}. <Link to={`/workflows/${id}`}>Back to the workflow</Link>
            </>
          ) : (
            <>
              Stage by stage, or <Link to="/workflows/new">from a template</Link>.
            </>
          )}
        </p>
      </hgroup>
      <Form onSubmit={(e) => void save(e)} aria-label={title}>
        <Field label="Name" name="name" value={draft.name} onChange={(name) => set({ name })} isRequired errorMessage={errors.name} />
        <TextField
          name="description"
          value={draft.description}
          onChange={(description) => set({ description })}
          isInvalid={Boolean(errors.description)}
          validationBehavior="aria"
        >
          <Label>Description</Label>
          <TextArea rows={2} />
          <FieldError>{errors.description}</FieldError>
        </TextField>
        <div className="stage-row">
          <Field
            label="Category"
            name="category"
            value={draft.category}
            onChange={(category) => set({ category })}
            errorMessage={errors.category}
          />
          <Field
            label="Tags"
            name="tags"
            value={draft.tags}
            onChange={(tags) => set({ tags })}
            description="Comma-separated"
            errorMessage={errorAt(errors, 'tags')}
          />
          {!id && (
            <label>
              Status
              <select value={status} onChange={(e) => setStatus(e.target.value as 'active' | 'inactive')}>
                <option value="active">active</option>
                <option value="inactive">inactive</option>
              </select>
            </label>
          )}
        </div>
        <StageEditor stages={draft.stages} onChange={(stages) => set({ stages })} sources={sources} errors={errors} />
        <InputDeclarations inputs={draft.inputs} onChange={(inputs) => set({ inputs })} errors={errors} />
        <Alert>{error}</Alert>
        <Button type="submit" isDisabled={saving}>
          {id ? 'Save changes' : 'Create workflow'}
        </Button>
      </Form>
    </>
  );
}
