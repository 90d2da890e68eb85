/** A label and its drop-down list, one option per choice. */
export function LabelledSelect<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  onChange: (value: T) => void;
  choices: ReadonlyArray<{ value: T; label: string }>;
}) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </>
  );
}
