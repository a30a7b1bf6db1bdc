import type { PopulationEstimate as Estimate } from '@onemap/domain';
import { formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/use-t';

/** How many regions the estimate lists under the total. */
const SHOWN_REGIONS = 5;

/** The people inside the area before it is published, and where most of them live. */
export function PopulationEstimate({
  estimate,
  pending,
  failed,
}: {
  estimate: Estimate | undefined;
  pending: boolean;
  failed: boolean;
}) {
  const { t, language } = useT();
  return (
    <section
      className="population-estimate"
      data-testid="warning-population"
      data-population={estimate?.population ?? ''}
      aria-busy={pending}
      aria-live="polite"
    >
      <h4>{t('warnings.populationEstimate')}</h4>
      {failed && !estimate && <p className="form-error">{t('warnings.estimateFailed')}</p>}
      {!estimate && !failed && <p className="muted">{t('warnings.estimating')}</p>}
      {estimate && (
        <>
          <p className="population-total">
            {t('warnings.people', { count: formatNumber(Math.round(estimate.population), language) })}
          </p>
          {estimate.regions.length > 0 && (
            <table className="count-table population-regions">
              <thead>
                <tr>
                  <th scope="col">{t('warnings.mostAffected')}</th>
                  <th scope="col">{t('warnings.peopleColumn')}</th>
                  <th scope="col">{t('warnings.share')}</th>
                </tr>
              </thead>
              <tbody>
                {estimate.regions.slice(0, SHOWN_REGIONS).map((r) => (
                  <tr key={r.code}>
                    <th scope="row">{r.name}</th>
                    <td className="num">{formatNumber(Math.round(r.population), language)}</td>
                    <td className="num">{formatNumber(Math.round(r.share * 1000) / 10, language)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
