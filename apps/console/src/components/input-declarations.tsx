// The typed inputs a workflow declares (a run is started with values for them). Errors by path
// (`inputs.<i>.<field>`), as the API names them.
import { Button } from 'react-aria-components';
import type { FieldErrors } from '../api/field-errors';
import { Field } from './form';
import { INPUT_TYPES, newKey, type InputDraft, type InputType } from './workflow-draft';

type Props = { inputs: InputDraft[]; onChange: (inputs: InputDraft[]) => void; errors: FieldErrors };

export function InputDeclarations({ inputs, onChange, errors }: Props) {
  const put = (i: number, input: InputDraft) => onChange(inputs.map((x, j) => (j === i ? input : x)));
  return (
    <section aria-labelledby="inputs-heading">
      <h2 id="inputs-heading">Run inputs</h2>
      <p className="muted">Values given when a run starts; stages read them by name.</p>
      {errors.inputs && <p className="status-Failed">{errors.inputs}</p>}
      {inputs.map((input, i) => {
        const at = `inputs.${i}`;
        const n = i + 1;
        return (
          <fieldset key={input.key} className="stage" aria-labelledby={`input-${input.key}-legend`}>
            <legend id={`input-${input.key}-legend`}>Input {n}</legend>
            <div className="stage-row">
              <Field
                label="Input name"
                name={`${at}.name`}
                value={input.name}
                onChange={(name) => put(i, { ...input, name })}
                isRequired
                errorMessage={errors[`${at}.name`] ?? errors[at]}
              />
              <label>
                Input type
                <select value={input.type} onChange={(e) => put(i, { ...input, type: e.target.value as InputType })}>
                  {INPUT_TYPES.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </select>
              </label>
              <Field
                label="Default"
                name={`${at}.default`}
                value={input.default}
                onChange={(value) => put(i, { ...input, default: value })}
                description={input.type === 'json' ? 'JSON' : input.type === 'boolean' ? 'true or false' : undefined}
                errorMessage={errors[`${at}.default`]}
              />
            </div>
            <Field
              label="Input description"
              name={`${at}.description`}
              value={input.description}
              onChange={(description) => put(i, { ...input, description })}
              errorMessage={errors[`${at}.description`]}
            />
            <label>
              <input type="checkbox" checked={input.required} onChange={(e) => put(i, { ...input, required: e.target.checked })} />
              Required
            </label>
            <Button
              className="secondary outline"
              onPress={() => onChange(inputs.filter((_, j) => j !== i))}
              aria-label={`Remove input ${n}`}
            >
              Remove
            </Button>
          </fieldset>
        );
      })}
      <Button
        className="secondary"
        onPress={() => onChange([...inputs, { key: newKey(), name: '', type: 'string', required: false, default: '', description: '' }])}
      >
        Add input
      </Button>
    </section>
  );
}
