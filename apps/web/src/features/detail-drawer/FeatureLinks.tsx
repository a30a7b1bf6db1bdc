import type { FeatureLink } from '@onemap/domain';
import { useT } from '../../i18n/use-t';
import './feature-links.css';

/**
 * Only addresses a player or the browser can open: a stored link that is anything else (a
 * `javascript:` URL written into the database) is not offered at all.
 */
const SAFE_LINK = /^(https?:\/\/|rtsps?:\/\/|\/api\/)/i;

/**
 * A feature's links: a camera's stream, handed to the operator's own player (OneMap does not relay
 * video), and its still, shown here and openable full size.
 */
export function FeatureLinks({ links, name }: { links: readonly FeatureLink[]; name: string }) {
  const { t, label } = useT();
  const safe = links.filter((l) => SAFE_LINK.test(l.href));
  if (safe.length === 0) return null;
  return (
    <section className="feature-links" aria-label={t('detail.links')}>
      {safe.map((link) =>
        link.kind === 'stream' ? (
          <p key={link.key}>
            <a
              href={link.href}
              target="_blank"
              rel="noopener noreferrer"
              className="button-link"
              data-testid={`detail-link-${link.key}`}
            >
              {label(link.label)}
            </a>
            <span className="muted feature-link-hint">{t('detail.streamHint')}</span>
          </p>
        ) : (
          <figure key={link.key}>
            <img
              src={link.href}
              alt={t('detail.stillAlt', { name })}
              width={320}
              height={180}
              data-testid={`detail-image-${link.key}`}
            />
            <figcaption>
              <a href={link.href} target="_blank" rel="noopener" data-testid={`detail-link-${link.key}`}>
                {label(link.label)}
              </a>
            </figcaption>
          </figure>
        ),
      )}
    </section>
  );
}
