import { useId } from 'react';

// A native select (accessible and phone-friendly), "any" first. The label is a sibling (not a
// wrapper) so the select's name is the label alone, not the label and the chosen option.
export function Choice(props: { label: string; value: string; onChange: (v: string) => void; options: [string, string][] }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">any</option>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
