// The stages of a workflow being edited: add, remove, reorder, type, and each type's options.
// Errors come from the API by path (`configuration.stages.<i>.<field>`) and show at that input.
import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { DataSource } from '../api/views';
import { errorAt, type FieldErrors } from '../api/field-errors';
import { Field } from './form';
import { blankStage, settingText, STAGE_TYPES, type StageDraft, type StageType } from './workflow-draft';

type Props = {
  stages: StageDraft[];
  onChange: (stages: StageDraft[]) => void;
  sources: DataSource[];
  errors: FieldErrors;
};

export function StageEditor({ stages, onChange, sources, errors }: Props) {
  const [adding, setAdding] = useState<StageType>('processing');
  const put = (i: number, stage: StageDraft) => onChange(stages.map((s, j) => (j === i ? stage : s)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...stages];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    onChange(next);
  };
  const listError = errors['configuration.stages'] ?? errors.configuration;

  return (
    <section aria-labelledby="stages-heading">
      <h2 id="stages-heading">Stages</h2>
      <p className="muted">They run in this order; the first one fetches.</p>
      {listError && <p className="status-Failed">{listError}</p>}
      {stages.map((stage, i) => (
        <StageFields
          key={stage.key}
          index={i}
          count={stages.length}
          stage={stage}
          sources={sources}
          errors={errors}
          onChange={(s) => put(i, s)}
          onMove={(by) => move(i, by)}
          onRemove={() => onChange(stages.filter((_, j) => j !== i))}
        />
      ))}
      <div className="stage-add">
        <label>
          Type of the new stage
          <select value={adding} onChange={(e) => setAdding(e.target.value as StageType)}>
            {STAGE_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <Button
          className="secondary"
          onPress={() =>
            onChange([
              ...stages,
              blankStage(
                adding,
                stages.map((s) => s.name),
              ),
            ])
          }
        >
          Add stage
        </Button>
      </div>
    </section>
  );
}

type StageProps = {
  index: number;
  count: number;
  stage: StageDraft;
  sources: DataSource[];
  errors: FieldErrors;
  onChange: (stage: StageDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
};

function StageFields({ index, count, stage, sources, errors, onChange, onMove, onRemove }: StageProps) {
  const at = `configuration.stages.${index}`;
  const n = index + 1;
  const setting = (key: string, value: unknown) => {
    const settings = { ...stage.settings };
    if (value === undefined) delete settings[key];
    else settings[key] = value;
    onChange({ ...stage, settings });
  };
  const sourcesError = errorAt(errors, `${at}.dataSources`);
  const sourcesErrorId = `stage-${stage.key}-sources-error`;
  const typeErrorId = `stage-${stage.key}-type-error`;
  const typeError = errors[`${at}.type`] ?? errors[at];
  const text = (key: string, label: string, description?: string) => (
    <Field
      label={label}
      name={`${at}.settings.${key}`}
      value={settingText(stage.settings[key])}
      onChange={(v) => setting(key, v)}
      description={description}
      errorMessage={errors[`${at}.settings.${key}`]}
    />
  );
  const check = (key: string, label: string, fallback: boolean) => (
    <label>
      <input
        type="checkbox"
        role="switch"
        checked={typeof stage.settings[key] === 'boolean' ? (stage.settings[key] as boolean) : fallback}
        onChange={(e) => setting(key, e.target.checked)}
      />
      {label}
    </label>
  );

  return (
    <fieldset className="stage" aria-labelledby={`stage-${stage.key}-legend`}>
      <legend id={`stage-${stage.key}-legend`}>Stage {n}</legend>
      <div className="stage-row">
        <Field
          label="Stage name"
          name={`${at}.name`}
          value={stage.name}
          onChange={(name) => onChange({ ...stage, name })}
          isRequired
          errorMessage={errors[`${at}.name`]}
        />
        <label>
          Stage type
          <select
            value={stage.type}
            aria-invalid={typeError ? true : undefined}
            aria-describedby={typeErrorId}
            // A new type takes its own settings: the old ones would be unknown to it.
            onChange={(e) => onChange({ ...stage, type: e.target.value as StageType, settings: {}, dataSources: [] })}
          >
            {STAGE_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <small id={typeErrorId} className="status-Failed">
            {typeError}
          </small>
        </label>
        <Field
          label="Timeout (seconds)"
          name={`${at}.timeoutSeconds`}
          inputMode="numeric"
          value={stage.timeoutSeconds}
          onChange={(timeoutSeconds) => onChange({ ...stage, timeoutSeconds })}
          errorMessage={errors[`${at}.timeoutSeconds`]}
        />
      </div>
      {stage.type === 'fetching' && (
        <fieldset aria-invalid={sourcesError ? true : undefined} aria-describedby={sourcesErrorId}>
          <legend>Data sources of stage {n}</legend>
          {sources.length === 0 && <p className="muted">No data sources yet.</p>}
          {sources.map((s) => (
            <label key={s.id}>
              <input
                type="checkbox"
                checked={stage.dataSources.includes(s.id)}
                onChange={(e) =>
                  onChange({
                    ...stage,
                    dataSources: e.target.checked ? [...stage.dataSources, s.id] : stage.dataSources.filter((id) => id !== s.id),
                  })
                }
              />
              {s.name} <span className="muted">({s.type})</span>
            </label>
          ))}
          <small id={sourcesErrorId} className="status-Failed">
            {sourcesError}
          </small>
        </fieldset>
      )}
      {stage.type === 'fetching' && text('maxFileSizeMb', 'Largest file (MB)', 'Empty: the platform setting')}
      {stage.type === 'normalization' && (
        <>
          <label>
            Unicode form
            <select value={settingText(stage.settings.unicodeForm) || 'NFKC'} onChange={(e) => setting('unicodeForm', e.target.value)}>
              <option>NFKC</option>
              <option>NFC</option>
            </select>
          </label>
          {check('stripHtml', 'Strip HTML', true)}
          {check('collapseWhitespace', 'Collapse white space', true)}
          {check('lowercase', 'Lower case', false)}
        </>
      )}
      {stage.type === 'refinement' && (
        <>
          {text('defaultCategory', 'Default category')}
          {check('flagDuplicates', 'Flag duplicates', true)}
          {Array.isArray(stage.settings.rules) && stage.settings.rules.length > 0 && (
            <p className="muted">{stage.settings.rules.length} rules, kept as they are (edited through the API).</p>
          )}
        </>
      )}
      {stage.type === 'calculation' && text('fields', 'Fields', 'Comma-separated; empty: every numeric field')}
      {stage.type === 'analysis' && (
        <>
          {text('topKeywords', 'Top keywords', '1 to 100; empty: 10')}
          {text('stopwords', 'Stop words', 'Comma-separated')}
        </>
      )}
      {errors[`${at}.settings`] && <p className="status-Failed">{errors[`${at}.settings`]}</p>}
      <div className="stage-actions">
        <Button className="secondary outline" isDisabled={index === 0} onPress={() => onMove(-1)} aria-label={`Move stage ${n} up`}>
          Up
        </Button>
        <Button
          className="secondary outline"
          isDisabled={index === count - 1}
          onPress={() => onMove(1)}
          aria-label={`Move stage ${n} down`}
        >
          Down
        </Button>
        <Button className="secondary outline" isDisabled={count === 1} onPress={onRemove} aria-label={`Remove stage ${n}`}>
          Remove
        </Button>
      </div>
    </fieldset>
  );
}
