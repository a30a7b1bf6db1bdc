/**
 * The × that closes or dismisses what it sits in. `label` says what it does: the name for screen
 * readers and the tooltip, as the glyph alone says nothing.
 */
export function CloseButton({ label, onClick, testId }: { label: string; onClick(): void; testId?: string }) {
  return (
    <button
      type="button"
      className="icon-button"
      data-testid={testId}
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      ×
    </button>
  );
}
