/**
 * Balancer's weighted-pool formulas, computed here independently of Balancer's fixed-point code:
 * exact rational powers with integer roots at 40 decimal digits, so a test can check the Vault's
 * results to a tight relative tolerance.
 */
const ONE = 10n ** 18n;
const SCALE = 10n ** 40n;

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

/** floor(x^(1/n)) by Newton's method on integers. */
export function integerRoot(x: bigint, n: bigint): bigint {
  if (x < 2n) return x;
  let guess = 1n << BigInt(Math.ceil(x.toString(2).length / Number(n)));
  for (;;) {
    const next = ((n - 1n) * guess + x / guess ** (n - 1n)) / n;
    if (next >= guess) return guess;
    guess = next;
  }
}

/** SCALE * (num/den)^(wIn/wOut), for weights given in 1e18. */
function scaledPower(num: bigint, den: bigint, wIn: bigint, wOut: bigint): bigint {
  const g = gcd(wIn, wOut);
  const [a, b] = [wIn / g, wOut / g];
  return integerRoot((num ** a * SCALE ** b) / den ** a, b);
}

/**
 * Out-given-in: the fee is taken from the input, then
 * out = B_out * (1 - (B_in / (B_in + in')) ^ (w_in / w_out)).
 */
export function weightedOutGivenIn(
  balanceIn: bigint,
  weightIn: bigint,
  balanceOut: bigint,
  weightOut: bigint,
  amountIn: bigint,
  swapFee: bigint,
): bigint {
  const fee = (amountIn * swapFee + ONE - 1n) / ONE; // Balancer rounds the fee up
  const inAfterFee = amountIn - fee;
  const power = scaledPower(balanceIn, balanceIn + inAfterFee, weightIn, weightOut);
  return (balanceOut * (SCALE - power)) / SCALE;
}

/** The weighted invariant prod(balance_i ^ weight_i), in 1e18 fixed point, for two tokens. */
export function twoTokenInvariant(b0: bigint, w0: bigint, b1: bigint, w1: bigint): bigint {
  // b0^w0 * b1^w1 = b1 * (b0/b1)^w0 when w0 + w1 = 1.
  if (w0 + w1 !== ONE) throw new Error("weights must sum to 1e18");
  return (b1 * scaledPower(b0, b1, w0, ONE)) / SCALE;
}

/** Relative difference |actual - expected| / expected, in 1e18 fixed point (1e18 = 100%). */
export function relativeError(actual: bigint, expected: bigint): bigint {
  const diff = actual > expected ? actual - expected : expected - actual;
  return (diff * ONE) / expected;
}
