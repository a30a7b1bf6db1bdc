import type { SearchHit } from '@onemap/domain';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useId, useState } from 'react';
import { useTRPC } from '../../data/trpc';
import { useT } from '../../i18n/use-t';
import { layerModule } from '../../layers/registry';
import { useCamera } from '../../state/camera';
import { useLayerVisibility } from '../../state/layer-visibility';
import { useSelection } from '../../state/selection';
import { cameraTargetForHit, featureRefForHit } from './search-hit';
import { useDebouncedValue } from './use-debounced-value';

const SEARCH_DELAY_MS = 200;
const RESULT_LIMIT = 12;

/** Finds places and features by Chinese name, pinyin or English, and flies to the one chosen. */
export function SearchBox() {
  const { t, label } = useT();
  const trpc = useTRPC();
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebouncedValue(text.trim(), SEARCH_DELAY_MS);
  const search = useQuery({
    ...trpc.search.query.queryOptions(q ? { q, limit: RESULT_LIMIT } : skipToken),
    placeholderData: keepPreviousData,
  });
  const moveTo = useCamera((s) => s.moveTo);
  const select = useSelection((s) => s.select);
  const setVisible = useLayerVisibility((s) => s.setVisible);

  const hits = q ? (search.data ?? []) : [];
  const showList = open && q.length > 0;

  const choose = (hit: SearchHit) => {
    moveTo(cameraTargetForHit(hit));
    const ref = featureRefForHit(hit);
    if (ref) {
      // The chosen feature must be on the map, or the ring around it would circle nothing.
      setVisible(ref.layer, true);
      select(ref);
    }
    setText(hit.name);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (hits.length > 0) {
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + hits.length) % hits.length);
      }
    } else if (e.key === 'Enter') {
      const hit = hits[active] ?? hits[0];
      if (hit) choose(hit);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  const kindLabel = (hit: SearchHit) => {
    if (hit.kind === 'region') return t('search.kind.region');
    if (hit.kind === 'city') return t('search.kind.city');
    return label(layerModule(hit.kind).label);
  };

  return (
    <search className="search">
      <input
        type="search"
        className="search-input"
        data-testid="search-input"
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {showList && (
        <div className="search-popup card">
          {search.isError && <p className="muted">{t('search.error')}</p>}
          {!search.isError && hits.length === 0 && (
            <p className="muted">{search.isFetching ? t('search.searching') : t('search.none', { q })}</p>
          )}
          <ul id={listId} className="search-results" data-testid="search-results" hidden={hits.length === 0}>
            {hits.map((hit, i) => (
              <li key={`${hit.kind}:${hit.id}`}>
                <button
                  type="button"
                  className={i === active ? 'is-active' : undefined}
                  aria-current={i === active}
                  data-kind={hit.kind}
                  // mousedown would blur the input and close the list before the click lands.
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => choose(hit)}
                >
                  <span className="hit-name">{hit.name}</span>
                  {hit.alias && <span className="hit-alias">{hit.alias}</span>}
                  <span className="hit-meta">
                    {kindLabel(hit)}
                    {hit.subtitle ? ` · ${hit.subtitle}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </search>
  );
}
