import { type Principal, regionPrefix } from '@onemap/domain';

/**
 * The region a request may see, as the GB/T 2260 prefix its rows' `region_code` must start with
 * ('' for national). Every service that returns features takes one, so scoping happens in SQL and
 * never in the browser.
 */
export interface RegionScope {
  readonly prefix: string;
}

export const NATIONAL_SCOPE: RegionScope = { prefix: '' };

export function scopeOf(principal: Principal): RegionScope {
  // Anonymous callers only reach public layers, which are published nationwide.
  return principal.kind === 'anonymous' ? NATIONAL_SCOPE : { prefix: regionPrefix(principal.regionCode) };
}

/** The LIKE pattern for a scope: codes are digits, so nothing needs escaping. */
export function scopePattern(scope: RegionScope): string {
  return `${scope.prefix}%`;
}
