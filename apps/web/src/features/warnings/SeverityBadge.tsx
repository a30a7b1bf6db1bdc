import { capSeverities } from '@onemap/domain';
import { useT } from '../../i18n/use-t';
import { severityColor } from '../../layers/warnings';
import { cssColor } from '../layer-panel/Legend';

/** The severity in words and in its colour, the same colour as the area on the map. */
export function SeverityBadge({ severity }: { severity: string }) {
  const { label } = useT();
  const name = capSeverities.labelOf(severity);
  return (
    <span
      className="severity-badge"
      data-severity={severity}
      style={{ background: cssColor(severityColor(severity)) }}
    >
      {name ? label(name) : severity}
    </span>
  );
}
