// A native select (accessible and phone-friendly), "any" first.
export function Choice(props: { label: string; value: string; onChange: (v: string) => void; options: [string, string][] }) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">any</option>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
