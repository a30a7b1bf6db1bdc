import { metersPerPixel, niceScale } from '@onemap/geo';
import { useT } from '../../i18n/use-t';
import { useUiScale } from '../../state/ui-scale';
import { useView } from '../../state/view';

/** At most this wide at a UI scale of 1: long enough to read, short enough to sit in the bar. */
const MAX_WIDTH_PX = 110;

export function ScaleBar() {
  const { t } = useT();
  const zoom = useView((s) => s.zoom);
  const lat = useView((s) => s.centerLat);
  const uiScale = useUiScale((s) => s.uiScale);
  const mpp = metersPerPixel(lat, zoom);
  const maxWidth = MAX_WIDTH_PX * uiScale;
  const { meters, label } = niceScale(mpp * maxWidth);
  return (
    <div className="scale-bar" data-testid="scale-bar" title={t('status.scale')}>
      <span className="scale-line" style={{ width: `${meters / mpp}px` }} />
      <span className="scale-label">{label}</span>
    </div>
  );
}
