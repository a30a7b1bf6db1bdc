import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTRPC } from '../../data/trpc';
import { useT } from '../../i18n/use-t';
import { SystemStatusPanel } from './SystemStatusPanel';
import './system-status.css';

const POLL_MS = 15_000;

/**
 * A lamp for the API: green when it answers healthy, amber while it starts, red when unreachable.
 * It opens the system-status popover (database, version, live link, ingest statistics).
 */
export function HealthIndicator() {
  const { t } = useT();
  const trpc = useTRPC();
  const id = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const health = useQuery({ ...trpc.system.health.queryOptions(), refetchInterval: POLL_MS, retry: false });
  const state = health.isError ? 'offline' : (health.data?.status ?? 'checking');
  const text = {
    ok: t('health.ok'),
    starting: t('health.starting'),
    failed: t('health.failed'),
    offline: t('health.offline'),
    checking: t('health.checking'),
  }[state];
  const detail = health.data
    ? t('health.detail', { db: health.data.db, version: health.data.version })
    : text;

  // A popover closes on Escape (focus back on its button) and on a click anywhere else.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      root.current?.querySelector('button')?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div className="system-status" ref={root}>
      <button
        type="button"
        className={`health health-${state}`}
        data-testid="health"
        data-state={state}
        title={`${detail} · ${t('system.open')}`}
        aria-expanded={open}
        aria-controls={`${id}-popover`}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="lamp" aria-hidden="true" />
        {text}
      </button>
      {open && (
        <div
          id={`${id}-popover`}
          className="system-popover card"
          role="dialog"
          aria-label={t('system.title')}
          data-testid="system-status"
        >
          <SystemStatusPanel health={health.data} healthState={text} />
        </div>
      )}
    </div>
  );
}
