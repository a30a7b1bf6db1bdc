import type { FeatureDetail } from '@onemap/domain';
import { formatLonLat } from '@onemap/geo';
import { skipToken, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from '../../data/trpc';
import { useT } from '../../i18n/use-t';
import { layerModule } from '../../layers/registry';
import { CloseButton } from '../../panels/CloseButton';
import { useSelection } from '../../state/selection';
import { SensorMonitor } from '../sensor-monitor/SensorMonitor';
import { FeatureLinks } from './FeatureLinks';
import { formatFieldValue } from './format-field';

/** Reads the selected feature's details; the map's selection ring follows the same query. */
export function useSelectedDetail() {
  const trpc = useTRPC();
  const selected = useSelection((s) => s.selected);
  return useQuery(trpc.features.detail.queryOptions(selected ?? skipToken));
}

/** The side drawer with everything known about the clicked or searched feature. */
export function DetailDrawer() {
  const { t, label, language } = useT();
  const selected = useSelection((s) => s.selected);
  const clear = useSelection((s) => s.clear);
  const detail = useSelectedDetail();

  useEffect(() => {
    if (!selected) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') clear();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, clear]);

  if (!selected) return null;
  const kind =
    selected.layer === 'regions' ? t('detail.layer.regions') : label(layerModule(selected.layer).label);
  const data: FeatureDetail | undefined = detail.data;
  return (
    <aside className="detail-drawer card" data-testid="detail-drawer" aria-label={data?.name ?? kind}>
      <header className="card-header">
        <div>
          <span className="detail-kind">{kind}</span>
          <h2 data-testid="detail-name">
            {data?.name ?? (detail.isError ? t('detail.error') : t('detail.loading'))}
          </h2>
        </div>
        <CloseButton label={t('detail.close')} onClick={clear} testId="detail-close" />
      </header>
      {detail.isError && <p className="muted">{detail.error.message}</p>}
      <div className="detail-body">
        {data && (
          <dl className="detail-fields">
            {data.code && (
              <div className="detail-field">
                <dt>{t('detail.code')}</dt>
                <dd data-testid="detail-code">{data.code}</dd>
              </div>
            )}
            {data.region && (
              <div className="detail-field">
                <dt>{t('detail.region')}</dt>
                <dd data-testid="detail-region">{data.region.name}</dd>
              </div>
            )}
            <div className="detail-field">
              <dt>{t('detail.location')}</dt>
              <dd className="mono">{formatLonLat(data.lon, data.lat)}</dd>
            </div>
            {data.fields.map((f) => (
              <div key={f.key} className="detail-field" data-field={f.key}>
                <dt>{label(f.label)}</dt>
                <dd>{formatFieldValue(f.value, language, f.unit)}</dd>
              </div>
            ))}
          </dl>
        )}
        {data?.links && data.links.length > 0 && <FeatureLinks links={data.links} name={data.name} />}
        {selected.layer === 'sensors' && data?.code && <SensorMonitor code={data.code} />}
      </div>
    </aside>
  );
}
