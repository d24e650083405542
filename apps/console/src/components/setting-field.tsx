import { useState, type FormEvent } from 'react';
import { api, errorText } from '../api/client';
import type { AnswerOf } from '../api/answers';

export type Setting = AnswerOf<'/api/v1/settings', 'get'>['items'][number];

const asText = (s: Setting) => (s.type === 'json' || s.type === 'array' ? JSON.stringify(s.value) : String(s.value ?? ''));

// What the input holds, as the value the API expects for the setting's type. Numbers go as
// typed text would (the API parses and range-checks them), so a bad one is refused there.
function valueOf(s: Setting, text: string): unknown {
  if (s.type === 'integer' || s.type === 'decimal') return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
  if (s.type === 'boolean') return text === 'true';
  if (s.type === 'json' || s.type === 'array') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

// One setting: an input for its type (a number with its limits, a yes/no switch, a list of the
// allowed values, text), saved on its own; the API's refusal is shown at the field. Plain
// elements: a switch and a number input are the platform's own, and read-only needs `disabled`.
export function SettingField({ setting, onSaved }: { setting: Setting; onSaved: (key: string) => void }) {
  const [text, setText] = useState(asText(setting));
  const [error, setError] = useState<string | undefined>();
  const id = `setting-${setting.key}`;
  const changed = text !== asText(setting);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const { error: failed } = await api.PATCH('/api/v1/settings/{key}', {
      params: { path: { key: setting.key } },
      body: { value: valueOf(setting, text), environment: setting.environment as 'all' },
    });
    if (failed) return setError(errorText(failed));
    setError(undefined);
    onSaved(setting.key);
  };

  const limits = [setting.minValue !== null && `from ${setting.minValue}`, setting.maxValue !== null && `to ${setting.maxValue}`]
    .filter(Boolean)
    .join(' ');
  const description = [setting.description, limits, setting.requiresRestart && 'applies after a restart'].filter(Boolean).join('; ');
  const common = {
    id,
    disabled: setting.isReadonly,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': `${id}-error ${id}-description`,
  };
  let input;
  if (setting.type === 'boolean') {
    input = (
      <label htmlFor={id}>
        <input {...common} type="checkbox" role="switch" checked={text === 'true'} onChange={(e) => setText(String(e.target.checked))} />
        {setting.name}
      </label>
    );
  } else {
    const numeric = setting.type === 'integer' || setting.type === 'decimal';
    input = (
      <label htmlFor={id}>
        {setting.name}
        {setting.allowedValues && setting.allowedValues.length > 0 ? (
          <select {...common} value={text} onChange={(e) => setText(e.target.value)}>
            {setting.allowedValues.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        ) : (
          <input
            {...common}
            type={numeric ? 'number' : 'text'}
            step={setting.type === 'integer' ? 1 : numeric ? 'any' : undefined}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </label>
    );
  }
  return (
    <form className="setting" noValidate onSubmit={(e) => void save(e)}>
      {input}
      <small id={`${id}-description`} className="muted">
        {description}
      </small>
      <small id={`${id}-error`} className="status-Failed" role="alert">
        {error}
      </small>
      {!setting.isReadonly && (
        <button type="submit" className="secondary" disabled={!changed} aria-label={`Save ${setting.name}`}>
          Save
        </button>
      )}
    </form>
  );
}
