// What its owner (or an admin) does with a workflow besides editing it: copy, activate,
// deactivate, archive (for good: an archived workflow changes no more).
import { useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { api, errorText } from '../api/client';
import { fieldErrorsOf, type FieldErrors } from '../api/field-errors';
import { Alert, Field } from './form';
import type { WorkflowView } from './workflow-draft';

type Props = { workflow: WorkflowView; canChange: boolean; onChanged: (w: WorkflowView) => void };

export function WorkflowActions({ workflow, canChange, onChanged }: Props) {
  const navigate = useNavigate();
  const [copyName, setCopyName] = useState(`${workflow.name} (copy)`);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const path = { params: { path: { id: workflow.id } } };

  const status = async (to: 'activate' | 'deactivate' | 'archive') => {
    setError(null);
    const { data, error: failed } =
      to === 'activate'
        ? await api.POST('/api/v1/workflows/{id}/activate', path)
        : to === 'deactivate'
          ? await api.POST('/api/v1/workflows/{id}/deactivate', path)
          : await api.POST('/api/v1/workflows/{id}/archive', path);
    setConfirmArchive(false);
    if (failed || !data) return setError(errorText(failed));
    onChanged(data);
  };

  const copy = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setErrors({});
    const { data, error: failed } = await api.POST('/api/v1/workflows/{id}/copy', { ...path, body: { name: copyName } });
    if (failed || !data) {
      setError(errorText(failed));
      return setErrors(fieldErrorsOf(failed));
    }
    void navigate(`/workflows/${data.id}`);
  };

  const archived = workflow.status === 'archived';
  return (
    <section aria-labelledby="actions-heading">
      <h2 id="actions-heading">Status and copies</h2>
      {canChange && !archived && (
        <div className="stage-actions">
          {workflow.status === 'active' ? (
            <Button className="secondary" onPress={() => void status('deactivate')}>
              Deactivate
            </Button>
          ) : (
            <Button className="secondary" onPress={() => void status('activate')}>
              Activate
            </Button>
          )}
          {confirmArchive ? (
            <>
              <span>Archive for good? It will not change or run again.</span>
              <Button className="secondary" onPress={() => void status('archive')}>
                Yes, archive
              </Button>
              <Button className="secondary outline" onPress={() => setConfirmArchive(false)}>
                Keep it
              </Button>
            </>
          ) : (
            <Button className="secondary outline" onPress={() => setConfirmArchive(true)}>
              Archive
            </Button>
          )}
        </div>
      )}
      {archived && <p>Archived: it no longer changes or runs; a copy can.</p>}
      <Form onSubmit={(e) => void copy(e)} aria-label="Copy the workflow">
        <Field label="Name of the copy" name="name" value={copyName} onChange={setCopyName} isRequired errorMessage={errors.name} />
        <Button type="submit" className="secondary">
          Copy
        </Button>
      </Form>
      <Alert>{error}</Alert>
    </section>
  );
}
