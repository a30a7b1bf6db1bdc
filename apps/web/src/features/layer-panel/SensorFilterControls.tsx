import {
  regionContains,
  sensorChannels,
  sensorKindChannels,
  sensorKinds,
  sensorStates,
  type Vocabulary,
} from '@onemap/domain';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { type RegionShape, regionShapesQuery } from '../../data/region-shapes';
import { findRegion } from '../../data/sensor-filter';
import { useSessionUser } from '../../data/session';
import { useT } from '../../i18n/use-t';
import { layerModule } from '../../layers/registry';
import { isFiltering, useSensorFilter } from '../../state/sensor-filter';
import { cssColor } from './Legend';
import './sensor-filter.css';

const stateColors = new Map(
  layerModule('sensors')
    .legend()
    .map((e) => [e.code, cssColor(e.color)]),
);

/** Whether a region is worth offering to someone whose scope is `scope`: it overlaps it. */
function overlapsScope(code: string, scope: string): boolean {
  return regionContains(scope, code) || regionContains(code, scope);
}

/**
 * Narrowing the sensors layer by channel, kind, state and region, under its row in the layer
 * panel. The map, the counts in view and the legend follow at once; nothing is fetched again.
 */
export function SensorFilterControls() {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const id = useId();
  const filtering = useSensorFilter(isFiltering);
  const reset = useSensorFilter((s) => s.reset);
  return (
    <div className="sensor-filter">
      <div className="sensor-filter-bar">
        <button
          type="button"
          className="text-button"
          data-testid="sensor-filter-toggle"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? '▾' : '▸'} {t('filter.title')}
        </button>
        {filtering && (
          <>
            <span className="filter-on" data-testid="sensor-filter-on">
              {t('filter.active')}
            </span>
            <button type="button" className="text-button" data-testid="sensor-filter-reset" onClick={reset}>
              {t('filter.reset')}
            </button>
          </>
        )}
      </div>
      {open && (
        <div id={`${id}-body`} className="sensor-filter-body">
          <SensorChips />
          <RegionSelect />
        </div>
      )}
    </div>
  );
}

/** The channel, kind and state chips; a chip is pressed while its sensors show. */
function SensorChips() {
  const { t } = useT();
  const filter = useSensorFilter();
  // Kinds of a channel switched off are out already; offering them would only confuse.
  const kinds = sensorKinds.codes.filter((k) => !filter.hiddenChannels.has(sensorKindChannels[k]));
  return (
    <>
      <ChipGroup
        title={t('filter.channel')}
        vocabulary={sensorChannels}
        hidden={filter.hiddenChannels}
        onToggle={filter.toggleChannel}
        testIdPrefix="filter-channel"
      />
      <ChipGroup
        title={t('filter.kind')}
        vocabulary={sensorKinds}
        codes={kinds}
        hidden={filter.hiddenKinds}
        onToggle={filter.toggleKind}
        testIdPrefix="filter-kind"
      />
      <ChipGroup
        title={t('filter.state')}
        vocabulary={sensorStates}
        hidden={filter.hiddenStates}
        onToggle={filter.toggleState}
        testIdPrefix="filter-state"
        colors={stateColors}
      />
    </>
  );
}

function ChipGroup<C extends string>({
  title,
  vocabulary,
  codes = vocabulary.codes,
  hidden,
  onToggle,
  testIdPrefix,
  colors,
}: {
  title: string;
  vocabulary: Vocabulary<C>;
  /** The codes offered, when not all of the vocabulary's. */
  codes?: readonly C[];
  hidden: ReadonlySet<C>;
  onToggle(code: C): void;
  testIdPrefix: string;
  colors?: ReadonlyMap<string, string>;
}) {
  const { label } = useT();
  return (
    <fieldset className="chip-group">
      <legend>{title}</legend>
      <div className="chips">
        {codes.map((code) => {
          const color = colors?.get(code);
          return (
            <button
              key={code}
              type="button"
              className="chip"
              aria-pressed={!hidden.has(code)}
              data-testid={`${testIdPrefix}-${code}`}
              onClick={() => onToggle(code)}
            >
              {color && <span className="swatch" style={{ background: color }} aria-hidden="true" />}
              {label(vocabulary.labels[code])}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}

function RegionSelect() {
  const { t, language } = useT();
  const id = useId();
  const scope = useSessionUser()?.regionCode ?? '000000';
  const region = useSensorFilter((s) => s.region);
  const setRegion = useSensorFilter((s) => s.setRegion);
  const shapes = useQuery(regionShapesQuery);
  const name = (r: RegionShape) => (language === 'zh' ? r.name : r.nameEn);
  const chosen = findRegion(shapes.data, region);
  const province = chosen?.provinceCode ?? chosen?.code ?? '';
  const provinces = (shapes.data?.provinces ?? []).filter((p) => overlapsScope(p.code, scope));
  const prefectures = (shapes.data?.prefectures ?? []).filter(
    (p) => p.provinceCode === province && p.code !== province && overlapsScope(p.code, scope),
  );
  return (
    <fieldset className="chip-group region-select">
      <legend>{t('filter.region')}</legend>
      {shapes.isError ? (
        <p className="form-error">{t('filter.regionsFailed')}</p>
      ) : (
        <>
          <label className="visually-hidden" htmlFor={`${id}-province`}>
            {t('filter.province')}
          </label>
          <select
            id={`${id}-province`}
            data-testid="filter-province"
            value={province}
            disabled={!shapes.data}
            onChange={(e) => setRegion(e.target.value || null)}
          >
            <option value="">{t('filter.anyProvince')}</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {name(p)}
              </option>
            ))}
          </select>
          <label className="visually-hidden" htmlFor={`${id}-city`}>
            {t('filter.city')}
          </label>
          <select
            id={`${id}-city`}
            data-testid="filter-city"
            value={chosen?.provinceCode ? chosen.code : ''}
            disabled={!province || prefectures.length === 0}
            onChange={(e) => setRegion(e.target.value || province || null)}
          >
            <option value="">{t('filter.anyCity')}</option>
            {prefectures.map((p) => (
              <option key={p.code} value={p.code}>
                {name(p)}
              </option>
            ))}
          </select>
        </>
      )}
    </fieldset>
  );
}
