import type { SearchHit } from '@onemap/domain';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTRPC } from '../../data/trpc';
import { useT } from '../../i18n/use-t';
import { CloseButton } from '../../panels/CloseButton';
import { useCamera } from '../../state/camera';
import type { DrawMode } from '../map-draw/sketch';
import { formatRadiusKm } from '../map-draw/sketch-layers';
import { useMapDraw } from '../map-draw/store';
import { cameraTargetForHit } from '../search/search-hit';
import { useDebouncedValue } from '../search/use-debounced-value';
import type { ChosenRegion, DrawnArea } from './form';

const SEARCH_DELAY_MS = 200;
const RESULT_LIMIT = 8;

/**
 * The warning's area, in parts: polygons and circles drawn on the map, administrative regions
 * found by name. Each part can be removed on its own.
 */
export function AreaEditor({
  shapes,
  regions,
  regionNames,
  error,
  onAddShape,
  onRemoveShape,
  onAddRegion,
  onRemoveRegion,
}: {
  shapes: readonly DrawnArea[];
  regions: readonly ChosenRegion[];
  /** Names for regions known only by code (a reopened warning). */
  regionNames: ReadonlyMap<string, string>;
  error: string | undefined;
  onAddShape(shape: DrawnArea): void;
  onRemoveShape(index: number): void;
  onAddRegion(region: ChosenRegion): void;
  onRemoveRegion(code: string): void;
}) {
  const { t } = useT();
  const drawing = useMapDraw((s) => s.sketch?.mode ?? null);
  const start = useMapDraw((s) => s.start);
  const errorId = useId();
  const drawButton = (mode: Exclude<DrawMode, 'point'>) => (
    <button
      type="button"
      className="secondary-button"
      data-testid={`warning-draw-${mode}`}
      aria-pressed={drawing === mode}
      disabled={drawing !== null}
      onClick={() => start(mode, (shape) => shape.kind !== 'point' && onAddShape(shape))}
    >
      {t(mode === 'polygon' ? 'warnings.drawPolygon' : 'warnings.drawCircle')}
    </button>
  );
  return (
    <fieldset
      className={`area-editor${error ? ' has-error' : ''}`}
      aria-describedby={error ? errorId : undefined}
      data-testid="warning-area"
    >
      <legend>{t('warnings.area')}</legend>
      <div className="form-actions">
        {drawButton('polygon')}
        {drawButton('circle')}
      </div>
      <RegionSearch onChoose={onAddRegion} />
      {(shapes.length > 0 || regions.length > 0) && (
        <ul className="plain-list area-parts" data-testid="warning-area-parts">
          {shapes.map((s, i) => {
            const name =
              s.kind === 'polygon'
                ? t('warnings.part.polygon', { count: s.ring.length - 1 })
                : t('warnings.part.circle', { radius: formatRadiusKm(s.radiusKm) });
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts are only appended or removed by index
              <li key={i} data-kind={s.kind}>
                <span>{name}</span>
                <CloseButton label={t('warnings.part.remove', { name })} onClick={() => onRemoveShape(i)} />
              </li>
            );
          })}
          {regions.map((r) => {
            const name = r.name !== r.code ? r.name : (regionNames.get(r.code) ?? r.code);
            return (
              <li key={r.code} data-kind="region" data-code={r.code}>
                <span>
                  {t('warnings.part.region')} {name} <span className="muted mono">{r.code}</span>
                </span>
                <CloseButton
                  label={t('warnings.part.remove', { name })}
                  onClick={() => onRemoveRegion(r.code)}
                />
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}

/** Finds administrative regions by name or pinyin, with their GB/T 2260 codes, to add to the area. */
function RegionSearch({ onChoose }: { onChoose(region: ChosenRegion): void }) {
  const { t } = useT();
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), SEARCH_DELAY_MS);
  const search = useQuery({
    ...trpc.search.query.queryOptions(q ? { q, limit: RESULT_LIMIT } : skipToken),
    placeholderData: keepPreviousData,
  });
  const moveTo = useCamera((s) => s.moveTo);
  const hits = q ? (search.data ?? []).filter((h) => h.kind === 'region') : [];

  const choose = (hit: SearchHit) => {
    onChoose({ code: hit.id, name: hit.name });
    moveTo(cameraTargetForHit(hit));
    setText('');
  };

  return (
    <div className="form-field region-search">
      <label htmlFor={id}>{t('warnings.addRegion')}</label>
      <input
        id={id}
        type="search"
        data-testid="warning-region-search"
        placeholder={t('warnings.regionPlaceholder')}
        autoComplete="off"
        aria-controls={`${id}-results`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          // Enter here adds the first region found; it must not send the whole form.
          e.preventDefault();
          const first = hits[0];
          if (first) choose(first);
        }}
      />
      {q && (
        <ul id={`${id}-results`} className="plain-list region-results" data-testid="warning-region-results">
          {hits.length === 0 && (
            <li className="muted">{search.isFetching ? t('search.searching') : t('search.none', { q })}</li>
          )}
          {hits.map((hit) => (
            <li key={hit.id}>
              <button
                type="button"
                className="region-option"
                data-testid={`warning-region-option-${hit.id}`}
                onClick={() => choose(hit)}
              >
                <span>{hit.name}</span>
                <span className="muted">
                  {hit.subtitle ? `${hit.subtitle} · ` : ''}
                  <span className="mono">{hit.id}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
