/**
 * A service's refusal, in terms the caller can act on: the thing is not there (or not in the
 * caller's region), not theirs to change, in a state that does not allow it (a dispatch race lost,
 * a transition out of order), or a field is wrong. Routers turn it into 404/403/409/400.
 */
export class Refusal extends Error {
  override name = 'Refusal';
  constructor(
    readonly kind: 'not_found' | 'forbidden' | 'conflict' | 'invalid',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
