import { formatLonLat } from '@onemap/geo';
import { useT } from '../../i18n/use-t';
import { useView } from '../../state/view';
import { ScaleBar } from './ScaleBar';

/** Where the pointer is (WGS-84), the zoom and the scale: what an operator reads out on the radio. */
export function StatusBar() {
  const { t } = useT();
  const cursor = useView((s) => s.cursor);
  const zoom = useView((s) => s.zoom);
  return (
    <footer className="status-bar card">
      <span className="status-item">
        <span className="muted">{t('status.cursor')}</span>
        <span className="mono" data-testid="cursor-coords">
          {cursor ? formatLonLat(cursor[0], cursor[1]) : '—'}
        </span>
      </span>
      <span className="status-item">
        <span className="muted">{t('status.zoom')}</span>
        <span className="mono" data-testid="map-zoom">
          {zoom.toFixed(1)}
        </span>
      </span>
      <ScaleBar />
    </footer>
  );
}
