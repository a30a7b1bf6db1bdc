import type { Layer } from '@deck.gl/core';
import { LineLayer, ScatterplotLayer } from '@deck.gl/layers';
import { useMemo } from 'react';
import { liveTeams } from '../../data/live-teams';
import { colors, withAlpha } from '../../layers/palette';
import { useLive } from '../../state/live';
import { useIncidentsUi } from './store';
import { useIncident, useRecommendation } from './use-incidents';

type Line = { from: [number, number]; to: [number, number]; chosen: boolean };

/**
 * What dispatch draws over the map: the trails of units on the move; for the incident open in the
 * workbench, a ring at the scene, a line from each recommended team (bold for those ticked to
 * send) and from each team on its way.
 */
export function useIncidentOverlays(uiScale: number): Layer[] {
  const focused = useIncidentsUi((s) => s.focused);
  const chosen = useIncidentsUi((s) => s.chosenTeams);
  const incident = useIncident(focused).data;
  const recommendation = useRecommendation(
    incident && ['verified', 'responding', 'stabilized'].includes(incident.status) ? focused : null,
  ).data;
  const revision = useLive((s) => s.unitRevision);
  // The trails follow the live stream, whose patches bump the revision.
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision is the trigger, not an input
  const trails = useMemo(() => liveTeams.trailSegments(), [revision]);

  return useMemo(() => {
    const layers: Layer[] = [];
    if (trails.length > 0) {
      layers.push(
        // Segments, not paths: thousands of trails redraw every second, and mitred joins drawn in
        // software cost a 5,000-unit map most of its frames (docs/operations.md, moving units).
        new LineLayer({
          id: 'incidents|trails',
          // Binary: flat arrays of segment ends (deck.gl's typings know only object data).
          data: {
            length: trails.length,
            attributes: {
              getSourcePosition: { value: trails.sources, size: 2 },
              getTargetPosition: { value: trails.targets, size: 2 },
            },
          } as never,
          getColor: withAlpha(colors.yellow, 170),
          getWidth: 3,
          widthUnits: 'pixels',
          widthScale: uiScale,
        }),
      );
    }
    if (incident) {
      const scene: [number, number] = [incident.lon, incident.lat];
      const lines: Line[] = [
        ...(recommendation?.teams ?? []).map((t) => ({
          from: [t.lon, t.lat] as [number, number],
          to: scene,
          chosen: chosen.includes(t.teamCode),
        })),
        ...incident.assignments
          .filter((a) => a.status === 'dispatched' || a.status === 'en_route')
          .map((a) => ({ from: [a.lon, a.lat] as [number, number], to: scene, chosen: true })),
      ];
      layers.push(
        new LineLayer<Line>({
          id: 'incidents|lines',
          data: lines,
          getSourcePosition: (l) => l.from,
          getTargetPosition: (l) => l.to,
          getColor: (l) => (l.chosen ? colors.orange : withAlpha(colors.cyan, 150)),
          getWidth: (l) => (l.chosen ? 3 : 1.5),
          widthUnits: 'pixels',
          widthScale: uiScale,
          updateTriggers: { getColor: chosen, getWidth: chosen },
        }),
        new ScatterplotLayer<[number, number]>({
          id: 'incidents|scene',
          data: [scene],
          getPosition: (p) => p,
          getRadius: 20,
          radiusUnits: 'pixels',
          radiusScale: uiScale,
          filled: false,
          stroked: true,
          getLineColor: colors.red,
          getLineWidth: 3,
          lineWidthUnits: 'pixels',
          lineWidthScale: uiScale,
        }),
      );
    }
    return layers;
  }, [trails, incident, recommendation, chosen, uiScale]);
}
