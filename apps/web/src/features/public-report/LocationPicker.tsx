import { type Map as MapLibreMap, Marker } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
// MapView's module also points MapLibre at its bundled worker and brings its stylesheet.
import { createBaseMap } from '../../map/base-map';
import { applyBasemapOptions } from '../../map/basemap-style';
import { useUiScale } from '../../state/ui-scale';
import { type FieldProblem, locateProblemOf, roundedPoint } from './report-request';

export interface PickedLocation {
  point: readonly [number, number];
  /** Metres, when the device gave the point; null for a point picked on the map. */
  accuracy: number | null;
}

/** A tap this far out is a first guess: the map closes in on it so the next tap can be exact. */
const REFINE_BELOW_ZOOM = 9;
const REFINE_STEP = 2.5;
/** Where a device fix lands: streets apart, roughly. */
const LOCATED_ZOOM = 13;
const LOCATE_TIMEOUT_MS = 15_000;

/**
 * Where the reporter is: a small map of the same offline basemap as the public map, where a tap
 * places a draggable pin, and a button that asks the device. Nothing beyond the app's own files is
 * fetched.
 */
export function LocationPicker({
  picked,
  error,
  onPick,
}: {
  picked: PickedLocation | null;
  error: FieldProblem | undefined;
  onPick(location: PickedLocation): void;
}) {
  const { t, language } = useT();
  const uiScale = useUiScale((s) => s.uiScale);
  const container = useRef<HTMLElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const markerRef = useRef<Marker | null>(null);
  const [locating, setLocating] = useState(false);
  const [locateProblem, setLocateProblem] = useState<MessageKey | null>(null);
  // Map events are bound once; they read the latest props through this ref.
  const latest = useRef({ onPick, language, uiScale });
  latest.current = { onPick, language, uiScale };

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const { language: lang, uiScale: scale } = latest.current;
    const map = createBaseMap(el, { language: lang, uiScale: scale });
    map.on('load', () =>
      applyBasemapOptions(map, { language: latest.current.language, uiScale: latest.current.uiScale }),
    );
    map.on('click', (e) => {
      const { lng, lat } = e.lngLat.wrap();
      latest.current.onPick({ point: roundedPoint(lng, lat), accuracy: null });
      const zoom = map.getZoom();
      if (zoom < REFINE_BELOW_ZOOM) map.easeTo({ center: e.lngLat, zoom: zoom + REFINE_STEP });
    });
    mapRef.current = map;
    return () => {
      markerRef.current = null;
      mapRef.current = null;
      map.remove();
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (map?.isStyleLoaded()) applyBasemapOptions(map, { language, uiScale });
  }, [language, uiScale]);

  const point = picked?.point ?? null;
  const pinLabel = t('report.pin');
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !point) return;
    const at: [number, number] = [point[0], point[1]];
    if (!markerRef.current) {
      const element = document.createElement('div');
      element.className = 'public-report-pin';
      element.setAttribute('role', 'img');
      const created = new Marker({ element, draggable: true, anchor: 'bottom' }).setLngLat(at).addTo(map);
      created.on('dragend', () => {
        const { lng, lat } = created.getLngLat().wrap();
        latest.current.onPick({ point: roundedPoint(lng, lat), accuracy: null });
      });
      markerRef.current = created;
    } else {
      markerRef.current.setLngLat(at);
    }
    // A custom pin has no label of its own; it takes one in the UI's language.
    markerRef.current.getElement().setAttribute('aria-label', pinLabel);
  }, [point, pinLabel]);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setLocateProblem('report.locate.unsupported');
      return;
    }
    setLocating(true);
    setLocateProblem(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        const here = roundedPoint(position.coords.longitude, position.coords.latitude);
        latest.current.onPick({ point: here, accuracy: position.coords.accuracy });
        mapRef.current?.flyTo({ center: here, zoom: LOCATED_ZOOM });
      },
      (failure) => {
        setLocating(false);
        setLocateProblem(locateProblemOf(failure.code));
      },
      { enableHighAccuracy: true, timeout: LOCATE_TIMEOUT_MS, maximumAge: 60_000 },
    );
  };

  return (
    <fieldset className={`public-report-field${error ? ' has-error' : ''}`}>
      <legend>{t('report.location')}</legend>
      <p className="field-hint" id="report-location-hint">
        {t('report.locationHint')}
      </p>
      <section
        ref={container}
        className="public-report-map"
        data-testid="report-map"
        aria-label={t('report.map')}
        aria-describedby="report-location-hint"
      />
      <div className="public-report-location-row">
        <button
          type="button"
          id="report-field-location"
          className="public-report-button"
          data-testid="report-locate"
          onClick={locate}
          disabled={locating}
          aria-describedby={error ? 'report-location-error' : undefined}
        >
          <span className="public-report-locate-icon" aria-hidden="true" />
          {locating ? t('report.locating') : t('report.locate')}
        </button>
        <p className="public-report-coordinates" data-testid="report-coordinates" aria-live="polite">
          {picked
            ? t('report.locationChosen', { lat: picked.point[1].toFixed(5), lon: picked.point[0].toFixed(5) })
            : t('report.locationNone')}
          {picked?.accuracy != null && (
            <span className="field-hint">
              {t('report.locationAccuracy', { meters: Math.round(picked.accuracy) })}
            </span>
          )}
        </p>
      </div>
      {locateProblem && (
        <p className="field-error" data-testid="report-locate-error" role="alert">
          {t(locateProblem)}
        </p>
      )}
      {error && (
        <p className="field-error" id="report-location-error" data-testid="report-error-location">
          {t(error.key, error.params)}
        </p>
      )}
    </fieldset>
  );
}
