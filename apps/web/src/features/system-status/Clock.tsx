import { useEffect, useState } from 'react';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';

/** Beijing time, to the second: the reference every log entry and radio call on the wall uses. */
export function Clock() {
  const { t } = useT();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time className="clock mono" dateTime={now.toISOString()} data-testid="clock" title={t('clock.label')}>
      {formatDateTime(now)}
    </time>
  );
}
