import { type SensorChange, type SensorStatus, sensorRuleKeys, sensorStates } from '@onemap/domain';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { sensorChangeFeed } from '../../data/sensor-change-feed';
import { useMay } from '../../data/session';
import { useTRPC } from '../../data/trpc';
import { formatDateTime } from '../../i18n/format';
import { formatRelativeTime } from '../../i18n/relative-time';
import { useT } from '../../i18n/use-t';
import { layerModule } from '../../layers/registry';
import { Segmented } from '../../panels/Segmented';
import { AlarmItem } from '../alarms/AlarmItem';
import { formatValue } from '../alarms/alarm-format';
import { sortByRaised } from '../alarms/alarm-order';
import { cssColor } from '../layer-panel/Legend';
import '../alarms/alarms.css';
import { useAlarms } from '../alarms/use-alarms';
import { useNow } from '../alarms/use-now';
import { RulesEditor } from './RulesEditor';
import { ruleText, ruleTitles } from './rule-text';
import { SeriesChart } from './SeriesChart';
import { mergeReading, type SeriesRangeId, seriesRanges, windowEndingAt } from './series';
import './sensor-monitor.css';

const stateColors = new Map(
  layerModule('sensors')
    .legend()
    .map((e) => [e.code, cssColor(e.color)]),
);

/**
 * The monitoring part of a sensor's details: its latest value and state, the rules it is judged
 * by, its readings over time, and its alarms. Follows the live stream while open.
 */
export function SensorMonitor({ code }: { code: string }) {
  const { t } = useT();
  const trpc = useTRPC();
  const status = useQuery({ ...trpc.monitoring.sensor.queryOptions({ code }), staleTime: 10_000 });
  if (status.isError) return <p className="form-error">{t('monitor.loadFailed')}</p>;
  if (!status.data) return <p className="muted">{t('detail.loading')}</p>;
  return <SensorMonitorBody sensor={status.data} />;
}

function SensorMonitorBody({ sensor }: { sensor: SensorStatus }) {
  const { t, label, language } = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mayConfigure = useMay('sensors.configure');
  const mayAcknowledge = useMay('alarms.ack');
  const now = useNow(30_000);
  const { code } = sensor;
  const [editing, setEditing] = useState(false);

  // The chart's window is fixed when chosen (a moving "now" would be a new query every render);
  // live readings then extend it, and choosing the range again starts a fresh one.
  const [range, setRange] = useState<SeriesRangeId>('24h');
  const rangeMs = seriesRanges.find((r) => r.id === range)?.ms ?? 86_400_000;
  const [span, setSpan] = useState(() => windowEndingAt(Date.now(), rangeMs));
  const [zoom, setZoom] = useState<[number, number] | null>(null);
  const chooseRange = (id: SeriesRangeId) => {
    setRange(id);
    setZoom(null);
    setSpan(windowEndingAt(Date.now(), seriesRanges.find((r) => r.id === id)?.ms ?? rangeMs));
  };
  const seriesInput = { code, ...span };
  const series = useQuery({
    ...trpc.monitoring.series.queryOptions(seriesInput),
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
  });
  const history = useAlarms('all', code);

  useEffect(() => {
    const seriesKey = trpc.monitoring.series.queryKey({ code, from: span.from, to: span.to });
    const statusKey = trpc.monitoring.sensor.queryKey({ code });
    const onChanges = (changes: readonly SensorChange[]) => {
      for (const c of changes) {
        if (c.code !== code) continue;
        queryClient.setQueryData(statusKey, (old) =>
          old ? { ...old, state: c.state, lastValue: c.lastValue, lastReadingAt: c.lastReadingAt } : old,
        );
        if (c.lastValue === null) continue;
        const reading = { ts: c.lastReadingAt, value: c.lastValue };
        queryClient.setQueryData(seriesKey, (old) => {
          if (!old) return old;
          const newest = Math.max(Date.parse(span.to), Date.parse(reading.ts));
          return mergeReading(old, reading, newest - rangeMs);
        });
      }
    };
    // After a gap in the stream the readings missed are fetched with a fresh window.
    const onResync = () => {
      void queryClient.invalidateQueries({ queryKey: statusKey });
      setSpan(windowEndingAt(Date.now(), rangeMs));
    };
    return sensorChangeFeed.subscribe(onChanges, onResync);
  }, [queryClient, trpc, code, span.from, span.to, rangeMs]);

  const points = series.data?.points;
  const lastPointAt = points?.length ? Date.parse((points.at(-1) as { ts: string }).ts) : 0;
  const viewTo = Math.max(Date.parse(span.to), lastPointAt) / 1000;
  const view: [number, number] = zoom ?? [viewTo - rangeMs / 1000, viewTo];
  const marks = useMemo(
    () => ({ warn: sensor.rules.warn, alarm: sensor.rules.alarm, normal: sensor.normal }),
    [sensor.rules.warn, sensor.rules.alarm, sensor.normal],
  );

  return (
    <section className="sensor-monitor" data-testid="sensor-monitor" aria-label={t('monitor.title')}>
      <div className="sensor-latest">
        <span
          className="sensor-state"
          data-testid="sensor-state"
          data-state={sensor.state}
          style={{ background: stateColors.get(sensor.state) }}
        >
          {label(sensorStates.labels[sensor.state])}
        </span>
        <span className="sensor-value num" data-testid="sensor-latest">
          {formatValue(sensor.lastValue, sensor.unit, language)}
        </span>
        {sensor.lastReadingAt && (
          <time
            className="muted"
            dateTime={sensor.lastReadingAt}
            title={formatDateTime(sensor.lastReadingAt)}
          >
            {formatRelativeTime(sensor.lastReadingAt, now, language)}
          </time>
        )}
      </div>

      <h3>{t('monitor.rules')}</h3>
      {editing ? (
        <RulesEditor sensor={sensor} onDone={() => setEditing(false)} />
      ) : (
        <>
          <dl className="fact-rows rules-list" data-testid="rules-list">
            {sensorRuleKeys.map((key) => {
              const own = sensor.overridden.includes(key);
              return (
                <div key={key} data-rule={key} data-overridden={own}>
                  <dt>{t(ruleTitles[key])}</dt>
                  <dd className="num">{ruleText(key, sensor.rules[key], sensor.unit, language, t)}</dd>
                  <dd className={own ? 'rule-own' : 'rule-kind'}>
                    {t(own ? 'monitor.rules.own' : 'monitor.rules.kind')}
                  </dd>
                </div>
              );
            })}
          </dl>
          {mayConfigure && (
            <button
              type="button"
              className="text-button"
              data-testid="rules-edit"
              onClick={() => setEditing(true)}
            >
              {t('monitor.rules.edit')}
            </button>
          )}
        </>
      )}

      <h3>{t('monitor.chart')}</h3>
      <div className="chart-controls">
        <Segmented
          options={seriesRanges.map((r) => ({ id: r.id, title: t(r.title) }))}
          selected={range}
          onSelect={chooseRange}
          label={t('monitor.range')}
          testIdPrefix="range"
        />
        {zoom && (
          <button
            type="button"
            className="text-button"
            data-testid="zoom-reset"
            onClick={() => setZoom(null)}
          >
            {t('monitor.chart.resetZoom')}
          </button>
        )}
      </div>
      {series.isError ? (
        <p className="form-error">{t('monitor.chart.failed')}</p>
      ) : !series.data ? (
        <p className="muted">{t('detail.loading')}</p>
      ) : (
        <>
          {series.data.points.length === 0 && <p className="muted">{t('monitor.chart.empty')}</p>}
          <SeriesChart series={series.data} view={view} marks={marks} onZoom={setZoom} />
        </>
      )}

      <h3>{t('monitor.history')}</h3>
      {!history.data ? (
        <p className="muted">{history.isError ? t('alarm.loadFailed') : t('detail.loading')}</p>
      ) : history.data.length === 0 ? (
        <p className="muted" data-testid="alarm-history-none">
          {t('monitor.history.none')}
        </p>
      ) : (
        <ul className="plain-list alarm-list" data-testid="alarm-history">
          {sortByRaised(history.data).map((a) => (
            <AlarmItem key={a.id} alarm={a} now={now} mayAcknowledge={mayAcknowledge} compact />
          ))}
        </ul>
      )}
    </section>
  );
}
