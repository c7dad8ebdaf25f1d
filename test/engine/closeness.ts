/** Element-wise closeness |a − b| ≤ atol + rtol·|b|, reporting the worst element. */
import assert from 'node:assert/strict';
import type { HostTensor } from '../../extension/engine/tensor';

export function assertClose(
  actual: HostTensor | undefined,
  expected: HostTensor | undefined,
  what: string,
  rtol: number,
  atol = 0,
): void {
  assert.ok(actual, `${what}: missing in our output`);
  assert.ok(expected, `${what}: missing in the reference`);
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < expected.data.length; i++) {
    const a = Number(actual.data[i]);
    const b = Number(expected.data[i]);
    const excess = Math.abs(a - b) - (atol + rtol * Math.abs(b));
    if (!(excess <= 0) && (worst < 0 || excess > worstExcess || Number.isNaN(excess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    assert.fail(
      `${what}[${worst}]: ours ${Number(actual.data[worst])}, reference ${Number(expected.data[worst])} (rtol ${rtol}, atol ${atol})`,
    );
  }
}
