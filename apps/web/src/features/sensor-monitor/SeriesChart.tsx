import type { SensorSeries } from '@onemap/domain';
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { DISPLAY_TIME_ZONE, formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { formatValue } from '../alarms/alarm-format';
import { chartColumns, valueRange } from './series';

/** The lines and band drawn across the chart, in the sensor's unit. */
export interface ChartMarks {
  warn: number | null;
  alarm: number | null;
  normal: [number, number];
}

export interface SeriesChartProps {
  series: SensorSeries;
  /** What the x axis shows, in epoch seconds: the chosen window, or the part zoomed into. */
  view: [number, number];
  marks: ChartMarks;
  /** A drag selected a part of the window (epoch seconds), or a double-click asked for all of it. */
  onZoom(range: [number, number] | null): void;
}

// The theme's colours, as the canvas needs them spelled out.
const COLORS = {
  line: '#3fa9f5',
  band: 'rgba(63, 169, 245, 0.22)',
  normal: 'rgba(46, 204, 113, 0.10)',
  warn: '#f1c40f',
  alarm: '#eb3b3b',
  axis: '#8ea3b6',
  grid: 'rgba(90, 150, 200, 0.15)',
};

const remPx = () => Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;

/**
 * A sensor's readings over time with uPlot (canvas, fast with thousands of points): the normal band
 * shaded, the warning and alarm lines across, the hour's low–high band for hourly series. Drag
 * across to zoom in, double-click for the whole window. Rendering only: data and zoom come in.
 */
export function SeriesChart({ series, view, marks, onZoom }: SeriesChartProps) {
  const { t, language } = useT();
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // The hooks uPlot calls read the latest props through these.
  const marksRef = useRef(marks);
  marksRef.current = marks;
  const zoomRef = useRef(onZoom);
  zoomRef.current = onZoom;
  const [hover, setHover] = useState<{ ts: number; value: number } | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const rem = remPx();
    const font = `${Math.round(0.72 * rem)}px ${getComputedStyle(el).fontFamily}`;
    const axis: uPlot.Axis = {
      stroke: COLORS.axis,
      font,
      grid: { stroke: COLORS.grid, width: 1 },
      ticks: { stroke: COLORS.grid, width: 1 },
    };
    const hline = (u: uPlot, value: number | null, color: string) => {
      if (value === null) return;
      const y = u.valToPos(value, 'y', true);
      if (y < u.bbox.top || y > u.bbox.top + u.bbox.height) return;
      const { ctx } = u;
      ctx.save();
      ctx.strokeStyle = color;
      ctx.lineWidth = Math.max(1, devicePixelRatio * 1.5);
      ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
      ctx.beginPath();
      ctx.moveTo(u.bbox.left, y);
      ctx.lineTo(u.bbox.left + u.bbox.width, y);
      ctx.stroke();
      ctx.restore();
    };
    const opts: uPlot.Options = {
      width: el.clientWidth || 300,
      height: Math.round(9 * rem),
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), DISPLAY_TIME_ZONE),
      legend: { show: false },
      cursor: {
        drag: { x: true, y: false, setScale: false },
        points: { size: Math.round(0.5 * rem) },
        bind: {
          dblclick: () => () => {
            zoomRef.current(null);
            return null;
          },
        },
      },
      scales: {
        x: { time: true },
        y: {
          range: (_u, min, max) => {
            const m = marksRef.current;
            return valueRange(min, max, [m.warn, m.alarm, m.normal[0], m.normal[1]]);
          },
        },
      },
      axes: [axis, { ...axis, size: Math.round(3.2 * rem) }],
      series: [
        {},
        { stroke: COLORS.line, width: Math.max(1.5, rem / 10), spanGaps: false },
        { stroke: 'transparent', width: 0, points: { show: false } },
        { stroke: 'transparent', width: 0, points: { show: false } },
      ],
      bands: [{ series: [3, 2], fill: COLORS.band }],
      hooks: {
        // Under the readings: the normal range; over them: the lines they must not cross.
        drawAxes: [
          (u) => {
            const [lo, hi] = marksRef.current.normal;
            if (!(hi > lo)) return;
            const top = Math.max(u.bbox.top, u.valToPos(hi, 'y', true));
            const bottom = Math.min(u.bbox.top + u.bbox.height, u.valToPos(lo, 'y', true));
            if (bottom <= top) return;
            u.ctx.save();
            u.ctx.fillStyle = COLORS.normal;
            u.ctx.fillRect(u.bbox.left, top, u.bbox.width, bottom - top);
            u.ctx.restore();
          },
        ],
        draw: [
          (u) => {
            hline(u, marksRef.current.warn, COLORS.warn);
            hline(u, marksRef.current.alarm, COLORS.alarm);
          },
        ],
        setSelect: [
          (u) => {
            const { left, width } = u.select;
            if (width > 4) zoomRef.current([u.posToVal(left, 'x'), u.posToVal(left + width, 'x')]);
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          },
        ],
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            const x = i == null ? undefined : u.data[0]?.[i];
            const y = i == null ? undefined : u.data[1]?.[i];
            setHover(x != null && y != null ? { ts: x, value: y } : null);
          },
        ],
      },
    };
    const u = new uPlot(opts, [[], [], [], []], el);
    plot.current = u;
    const resize = new ResizeObserver(() => {
      const r = remPx();
      u.setSize({ width: el.clientWidth, height: Math.round(9 * r) });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, []);

  useEffect(() => {
    const u = plot.current;
    if (!u) return;
    u.batch(() => {
      u.setData(chartColumns(series) as uPlot.AlignedData, true);
      u.setScale('x', { min: view[0], max: view[1] });
    });
  }, [series, view]);

  // A changed rule moves its line without new data.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the draw hooks read marks through the ref.
  useEffect(() => {
    plot.current?.redraw(true, true);
  }, [marks.warn, marks.alarm, marks.normal[0], marks.normal[1]]);

  return (
    <figure className="series-chart" data-testid="series-chart" data-points={series.points.length}>
      <figcaption className="series-readout mono" aria-live="off">
        {hover
          ? `${formatDateTime(new Date(hover.ts * 1000))} · ${formatValue(hover.value, series.unit, language)}`
          : t('monitor.chart.hint')}
      </figcaption>
      <div ref={host} className="series-plot" />
      <ul className="series-key">
        <li>
          <span className="key-line" style={{ background: COLORS.line }} aria-hidden="true" />
          {series.resolution === 'hour' ? t('monitor.chart.hourlyMean') : t('monitor.chart.readings')}
        </li>
        {series.resolution === 'hour' && (
          <li>
            <span className="key-box" style={{ background: COLORS.band }} aria-hidden="true" />
            {t('monitor.chart.hourlyRange')}
          </li>
        )}
        <li>
          <span className="key-box" style={{ background: 'rgba(46, 204, 113, 0.35)' }} aria-hidden="true" />
          {t('monitor.chart.normal')}
        </li>
        {marks.warn !== null && (
          <li>
            <span className="key-dash" style={{ borderColor: COLORS.warn }} aria-hidden="true" />
            {t('monitor.rules.warn')}
          </li>
        )}
        {marks.alarm !== null && (
          <li>
            <span className="key-dash" style={{ borderColor: COLORS.alarm }} aria-hidden="true" />
            {t('monitor.rules.alarm')}
          </li>
        )}
      </ul>
    </figure>
  );
}
