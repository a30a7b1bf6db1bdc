import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../data/trpc';
import { useT } from '../../i18n/use-t';

const POLL_MS = 15_000;

/** A lamp for the API: green when it answers healthy, amber while it starts, red when unreachable. */
export function HealthIndicator() {
  const { t } = useT();
  const trpc = useTRPC();
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
  return (
    <output className={`health health-${state}`} data-testid="health" data-state={state} title={detail}>
      <span className="lamp" aria-hidden="true" />
      {text}
    </output>
  );
}
