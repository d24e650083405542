// Labelled fields built on React Aria Components (unstyled, accessible: the label, the
// description and the error are wired to the input), styled by Pico's element rules.
import type { ReactNode } from 'react';
import { FieldError, Input, Label, Text, TextField } from 'react-aria-components';

type FieldProps = {
  label: string;
  name: string;
  type?: 'text' | 'email' | 'password' | 'search' | 'url';
  value: string;
  onChange: (value: string) => void;
  isRequired?: boolean;
  autoComplete?: string;
  description?: string;
  errorMessage?: string;
  inputMode?: 'numeric' | 'text';
  autoFocus?: boolean;
};

export function Field(props: FieldProps) {
  return (
    <TextField
      name={props.name}
      type={props.type ?? 'text'}
      value={props.value}
      onChange={props.onChange}
      isRequired={props.isRequired}
      autoComplete={props.autoComplete}
      inputMode={props.inputMode}
      autoFocus={props.autoFocus}
      isInvalid={Boolean(props.errorMessage)}
      validationBehavior="aria"
    >
      <Label>{props.label}</Label>
      <Input />
      {props.description && <Text slot="description">{props.description}</Text>}
      <FieldError>{props.errorMessage}</FieldError>
    </TextField>
  );
}

// An error answer, announced to screen readers when it appears.
export function Alert({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className="status-Failed">
      {children}
    </p>
  );
}

export function Status({ value }: { value: string | null | undefined }) {
  return <span className={`status-${value ?? ''}`}>{value ?? '—'}</span>;
}

export const dateTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—');

// A wide table scrolls inside its own box on a phone; the box is focusable (keyboard users can
// scroll it) and named for screen readers.
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
