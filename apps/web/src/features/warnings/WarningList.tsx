import { type WarningSummary, warningStatuses } from '@onemap/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { bboxOfPolygons, polygonsOfAreas, warningShapesQuery } from '../../data/warnings';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { severityColor } from '../../layers/warnings';
import { useCamera } from '../../state/camera';
import { useLayerVisibility } from '../../state/layer-visibility';
import { cssColor } from '../layer-panel/Legend';
import { useWarningsUi } from './store';
import { WarningDetails } from './WarningDetails';

/**
 * The map's extent of a warning: from the areas the server resolved when the map has them (regions
 * included), else from its drawn parts.
 */
function useZoomToWarning() {
  const queryClient = useQueryClient();
  const moveTo = useCamera((s) => s.moveTo);
  const setVisible = useLayerVisibility((s) => s.setVisible);
  return (w: WarningSummary) => {
    const shape = queryClient.getQueryData(warningShapesQuery.queryKey)?.find((s) => s.id === w.id);
    const bbox = shape?.bbox ?? bboxOfPolygons(polygonsOfAreas(w.areas));
    // The outline of the chosen warning is drawn with the layer: it must be on.
    setVisible('warnings', true);
    if (bbox) moveTo({ kind: 'bounds', bbox });
  };
}

export function WarningList({
  warnings,
  mayPublish,
  onEdit,
  onChanged,
}: {
  warnings: readonly WarningSummary[];
  mayPublish: boolean;
  onEdit(warning: WarningSummary): void;
  onChanged(warning: WarningSummary): void;
}) {
  const { t, label } = useT();
  const statusLabel = (status: string) => {
    const l = warningStatuses.labelOf(status);
    return l ? label(l) : status;
  };
  const focused = useWarningsUi((s) => s.focused);
  const focus = useWarningsUi((s) => s.focus);
  const zoomTo = useZoomToWarning();
  const focusedRow = useRef<HTMLLIElement>(null);

  // A warning picked on the map comes into view in the list.
  useEffect(() => {
    if (focused !== null) focusedRow.current?.scrollIntoView({ block: 'nearest' });
  }, [focused]);

  if (warnings.length === 0) {
    return (
      <p className="muted" data-testid="warnings-empty">
        {t('warnings.none')}
      </p>
    );
  }
  return (
    <ul className="plain-list warning-rows" data-testid="warning-rows">
      {warnings.map((w) => {
        const open = w.id === focused;
        return (
          <li
            key={w.id}
            ref={open ? focusedRow : undefined}
            className={`warning-row${open ? ' is-open' : ''}`}
            data-testid={`warning-row-${w.id}`}
            data-status={w.status}
            data-source={w.source}
            style={{ borderLeftColor: cssColor(severityColor(w.severity)) }}
          >
            <button
              type="button"
              className="warning-row-head"
              aria-expanded={open}
              onClick={() => {
                if (open) return focus(null);
                focus(w.id);
                zoomTo(w);
              }}
            >
              <span className="warning-row-title">
                <strong className="warning-headline">{w.headline}</strong>
                <span className="status-badge" data-status={w.status}>
                  {statusLabel(w.status)}
                </span>
              </span>
              <span className="warning-row-meta">
                {w.event} · {w.areaDesc}
              </span>
              <span className="warning-row-meta mono">
                {formatDateTime(w.effective, false)} — {formatDateTime(w.expires, false)}
              </span>
              {w.source === 'imported' && (
                <span className="warning-row-meta source-note" data-testid="warning-row-imported">
                  {t('warnings.importedFrom', { sender: w.senderName ?? w.sender })}
                </span>
              )}
            </button>
            {open && (
              <WarningDetails warning={w} mayPublish={mayPublish} onEdit={onEdit} onChanged={onChanged} />
            )}
          </li>
        );
      })}
    </ul>
  );
}
