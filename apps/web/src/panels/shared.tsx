import { type Label, type PointLayerId, pointLayers } from '@onemap/domain';
import type { ReactNode } from 'react';
import { useLayerTotals } from '../data/layer-totals';
import type { LayerViewStats } from '../data/use-layer-data';
import { cssColor } from '../features/layer-panel/Legend';
import { formatNumber } from '../i18n/format';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/use-t';
import { layerModule } from '../layers/registry';
import type { LayerId } from '../layers/types';
import { useLayerVisibility } from '../state/layer-visibility';

export function PanelSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

export function Intro({ text }: { text: MessageKey }) {
  const { t } = useT();
  return <p className="panel-intro">{t(text)}</p>;
}

/** A panel's layers side by side: their totals on the server and how many are in the current view. */
export function LayerTotals({ layers, stats }: { layers: readonly LayerId[]; stats: LayerViewStats }) {
  const { t, label, language } = useT();
  const totals = useLayerTotals();
  const visible = useLayerVisibility((s) => s.visible);
  return (
    <PanelSection title={t('panel.monitoring.totals')}>
      <table className="count-table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{t('panel.total')}</th>
            <th scope="col">{t('panel.inView')}</th>
          </tr>
        </thead>
        <tbody>
          {layers.map((id) => (
            <tr key={id} data-layer={id}>
              <th scope="row">{label(layerModule(id).label)}</th>
              <td className="num">
                {/* Warning areas have no server total: the feed holds only those in force. */}
                {totals === undefined
                  ? '…'
                  : totals[id] === undefined
                    ? '—'
                    : formatNumber(totals[id], language)}
              </td>
              <td className="num">{visible[id] ? formatNumber(stats.counts[id], language) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </PanelSection>
  );
}

/**
 * In-view counts of a point layer split by the vocabulary its colours encode, drawn as bars in the
 * layer's own legend colours so the panel and the map read the same.
 */
export function Breakdown({
  layer,
  by,
  stats,
}: {
  layer: PointLayerId;
  by: 'category' | 'state';
  stats: LayerViewStats;
}) {
  const { t, label, language } = useT();
  const on = useLayerVisibility((s) => s.visible[layer]);
  const module = layerModule(layer);
  const title = `${label(module.label)} · ${t(by === 'state' ? 'panel.byState' : 'panel.byCategory')}`;
  if (!on) {
    return (
      <PanelSection title={title}>
        <p className="muted">{t('panel.layerOff')}</p>
      </PanelSection>
    );
  }
  const counts = by === 'state' ? stats.points[layer].byState : stats.points[layer].byCategory;
  const colorFor = by === module.colorBy ? new Map(module.legend().map((e) => [e.code, e.color])) : null;
  const vocabulary = pointLayers[layer][by];
  const max = Math.max(1, ...counts);
  return (
    <PanelSection title={title}>
      <ul className="plain-list breakdown" data-testid={`breakdown-${layer}-${by}`}>
        {vocabulary.codes.map((code, i) => {
          const n = counts[i] ?? 0;
          const color = colorFor?.get(code);
          return (
            <li key={code}>
              <span className="breakdown-label">{label(vocabulary.labels[code] as Label)}</span>
              <span className="breakdown-bar">
                <span
                  style={{
                    width: `${(n / max) * 100}%`,
                    background: color ? cssColor(color) : 'var(--accent)',
                  }}
                />
              </span>
              <span className="num">{formatNumber(n, language)}</span>
            </li>
          );
        })}
      </ul>
    </PanelSection>
  );
}
