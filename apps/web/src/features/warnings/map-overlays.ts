import type { Layer } from '@deck.gl/core';
import { useMemo } from 'react';
import { polygonsOfAreas, useLoadedWarningShapes } from '../../data/warnings';
import { draftAreaLayers, warningHighlight } from '../../layers/warnings';
import { useWarningsUi } from './store';
import { useWarning } from './use-warnings';

/**
 * What the warnings feature draws over the map besides the layer: the shapes of the warning being
 * edited, and the outline of the one whose details are open.
 */
export function useWarningOverlays(uiScale: number): Layer[] {
  const focused = useWarningsUi((s) => s.focused);
  const editing = useWarningsUi((s) => s.editingAreas);
  const loaded = useLoadedWarningShapes()?.find((s) => s.id === focused)?.polygons;
  // Drafts and expired warnings are not in the feed of those in force: their drawn parts still show.
  const summary = useWarning(focused !== null && !loaded ? focused : null).data;
  const drawn = useMemo(() => (summary ? polygonsOfAreas(summary.areas) : undefined), [summary]);
  const outline = loaded ?? drawn;
  return useMemo(
    () => [...draftAreaLayers(polygonsOfAreas(editing), uiScale), ...warningHighlight(outline, uiScale)],
    [editing, outline, uiScale],
  );
}
