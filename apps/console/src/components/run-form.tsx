// Starting a run of a workflow that declares inputs: one typed field per input, its default
// filled in. The API checks the values (WORKFLOWS.INVALID_INPUT names each bad input) and the
// error shows at that input.
import { useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { api, errorText } from '../api/client';
import { fieldErrorsOf, type FieldErrors } from '../api/field-errors';
import { Alert, Field } from './form';
import { typedValue, type InputDeclaration, type WorkflowView } from './workflow-draft';

const HINTS: Record<InputDeclaration['type'], string> = {
  string: 'Text',
  number: 'A number',
  boolean: '',
  date: 'A date (2026-12-31) or date-time with its offset',
  json: 'A JSON value',
};

const textOf = (value: unknown) => (value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

export function RunForm({ workflow, onCancel }: { workflow: WorkflowView; onCancel: () => void }) {
  const navigate = useNavigate();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(workflow.inputs.map((i) => [i.name, textOf(i.default)])),
  );
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [starting, setStarting] = useState(false);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const inputs: Record<string, unknown> = {};
    const local: FieldErrors = {};
    for (const input of workflow.inputs) {
      const text = values[input.name] ?? '';
      // Left empty: not given (the API applies the default or says it is required).
      if (text.trim() === '') continue;
      if (input.type === 'json') {
        try {
          inputs[input.name] = JSON.parse(text) as unknown;
        } catch {
          local[input.name] = 'is not valid JSON';
        }
      } else inputs[input.name] = typedValue(input.type, text);
    }
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setStarting(true);
    const { data, error: failed } = await api.POST('/api/v1/workflows/{id}/executions', {
      params: { path: { id: workflow.id } },
      body: { triggeredBy: 'manual', inputs },
    });
    setStarting(false);
    if (failed || !data) {
      setError(errorText(failed));
      return setErrors(fieldErrorsOf(failed, 'name'));
    }
    void navigate(`/executions/${data.id}`);
  };

  return (
    <section aria-labelledby="run-heading" className="run-form">
      <h2 id="run-heading">Run with inputs</h2>
      <Form onSubmit={(e) => void start(e)} aria-label="Run with inputs">
        {workflow.inputs.map((input, i) => {
          const label = input.required ? `${input.name} (required)` : input.name;
          const description = [input.description, HINTS[input.type]].filter(Boolean).join('. ') || undefined;
          const set = (v: string) => setValues({ ...values, [input.name]: v });
          if (input.type === 'boolean') {
            const id = `run-input-${input.name}`;
            return (
              <label key={input.name}>
                {label}
                <select
                  value={values[input.name] ?? ''}
                  onChange={(e) => set(e.target.value)}
                  aria-invalid={errors[input.name] ? true : undefined}
                  aria-describedby={`${id}-error`}
                  aria-required={input.required || undefined}
                >
                  <option value="">not given</option>
                  <option value="true">true</option>
                  <option value="false">false</option>
                </select>
                <small id={`${id}-error`} className="status-Failed">
                  {errors[input.name]}
                </small>
              </label>
            );
          }
          return (
            <Field
              key={input.name}
              label={label}
              name={input.name}
              value={values[input.name] ?? ''}
              onChange={set}
              inputMode={input.type === 'number' ? 'numeric' : undefined}
              isRequired={input.required}
              autoFocus={i === 0}
              description={description}
              errorMessage={errors[input.name]}
            />
          );
        })}
        <Alert>{error}</Alert>
        <div className="stage-actions">
          <Button type="submit" isDisabled={starting}>
            Start run
          </Button>
          <Button className="secondary outline" onPress={onCancel}>
            Cancel
          </Button>
        </div>
      </Form>
    </section>
  );
}
