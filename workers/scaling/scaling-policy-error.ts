/** A scaling policy that cannot be followed (min above max, no jobs per worker): a configuration mistake, not retryable. */
export class ScalingPolicyError extends RangeError {
  override readonly name = 'ScalingPolicyError';
}
