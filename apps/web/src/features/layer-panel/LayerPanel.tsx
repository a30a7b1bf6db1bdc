import { layerGroups, type SensorState } from '@onemap/domain';
import type { LayerLoadState } from '../../data/use-layer-data';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { layerModules } from '../../layers/registry';
import type { LayerId, LayerModule, LegendEntry } from '../../layers/types';
import { useLayerVisibility } from '../../state/layer-visibility';
import { useSensorFilter } from '../../state/sensor-filter';
import { cssColor, Legend } from './Legend';
import { SensorFilterControls } from './SensorFilterControls';

export interface LayerPanelProps {
  counts: Readonly<Record<LayerId, number>>;
  status: Readonly<Record<LayerId, LayerLoadState>>;
  collapsed: boolean;
  onToggleCollapsed(): void;
  /** The layers the page offers; all of them unless the page says otherwise. */
  modules?: readonly LayerModule[];
}

/** The layers by group, each with its switch, its count in view and, while on, its legend. */
export function LayerPanel({
  counts,
  status,
  collapsed,
  onToggleCollapsed,
  modules = layerModules,
}: LayerPanelProps) {
  const { t, label } = useT();
  return (
    <aside className="layer-panel card" data-testid="layer-panel" aria-label={t('layers.title')}>
      <header className="card-header">
        <h2>{t('layers.title')}</h2>
        <button
          type="button"
          className="icon-button"
          data-testid="layer-panel-toggle"
          aria-expanded={!collapsed}
          aria-label={collapsed ? t('layers.expand') : t('layers.collapse')}
          title={collapsed ? t('layers.expand') : t('layers.collapse')}
          onClick={onToggleCollapsed}
        >
          {collapsed ? '▸' : '▾'}
        </button>
      </header>
      <div className="layer-groups" hidden={collapsed}>
        {layerGroups.codes.map((group) => {
          const members = modules.filter((m) => m.group === group);
          if (members.length === 0) return null;
          return (
            <section key={group} className="layer-group">
              <h3>{label(layerGroups.labels[group])}</h3>
              <ul>
                {members.map((m) => (
                  <LayerRow key={m.id} module={m} count={counts[m.id]} status={status[m.id]} />
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </aside>
  );
}

function LayerRow({ module, count, status }: { module: LayerModule; count: number; status: LayerLoadState }) {
  const { t, label, language } = useT();
  const on = useLayerVisibility((s) => s.visible[module.id]);
  const toggle = useLayerVisibility((s) => s.toggle);
  const name = label(module.label);
  // The legend lists what the map can show: a state filtered out is no longer on it.
  const hiddenStates = useSensorFilter((s) => s.hiddenStates);
  const filtered = module.id === 'sensors';
  const legend = filtered
    ? module.legend().filter((e) => !hiddenStates.has(e.code as SensorState))
    : module.legend();
  return (
    <li className={`layer-row${on ? '' : ' is-off'}`} data-layer={module.id}>
      <label className="layer-switch">
        <input
          type="checkbox"
          role="switch"
          checked={on}
          aria-checked={on}
          data-testid={`layer-toggle-${module.id}`}
          onChange={() => toggle(module.id)}
        />
        <span className="switch-track" aria-hidden="true" />
        {legend.length === 1 && (
          <span
            className="swatch"
            style={{ background: cssColor((legend[0] as LegendEntry).color) }}
            aria-hidden="true"
          />
        )}
        <span className="layer-name">{name}</span>
      </label>
      <span
        className="layer-count"
        data-testid={`layer-count-${module.id}`}
        data-status={status}
        aria-busy={status === 'loading'}
        title={status === 'error' ? t('layers.error') : t('layers.inViewCount', { count })}
      >
        {status === 'error' ? '!' : formatNumber(on ? count : 0, language)}
      </span>
      {on && <Legend entries={legend} />}
      {on && filtered && <SensorFilterControls />}
    </li>
  );
}
