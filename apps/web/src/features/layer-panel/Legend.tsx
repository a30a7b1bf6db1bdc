import { useT } from '../../i18n/use-t';
import type { LegendEntry, RGBA } from '../../layers/types';

export function cssColor([r, g, b, a]: RGBA): string {
  return `rgba(${r}, ${g}, ${b}, ${(a / 255).toFixed(2)})`;
}

export function Legend({ entries }: { entries: readonly LegendEntry[] }) {
  const { t, label } = useT();
  // A single-entry legend repeats the layer's own name; the swatch beside the switch says enough.
  if (entries.length < 2) return null;
  return (
    <ul className="legend" aria-label={t('layers.legend')}>
      {entries.map((e) => (
        <li key={e.code}>
          <span className="swatch" style={{ background: cssColor(e.color) }} aria-hidden="true" />
          {label(e.label)}
        </li>
      ))}
    </ul>
  );
}
