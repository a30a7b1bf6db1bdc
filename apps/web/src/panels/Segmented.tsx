/** A row of toggle buttons of which one is chosen: filters and ranges. */
export function Segmented<Id extends string>({
  options,
  selected,
  onSelect,
  label,
  testIdPrefix,
}: {
  options: readonly { id: Id; title: string }[];
  selected: NoInfer<Id>;
  onSelect(id: NoInfer<Id>): void;
  /** What is being chosen, for screen readers. */
  label: string;
  testIdPrefix: string;
}) {
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{label}</legend>
      {options.map((o) => (
        <button
          key={o.id}
          type="button"
          data-testid={`${testIdPrefix}-${o.id}`}
          aria-pressed={selected === o.id}
          onClick={() => onSelect(o.id)}
        >
          {o.title}
        </button>
      ))}
    </fieldset>
  );
}
