import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SIZE, scatterLayout } from '../../../webview/dashboard/scatterLayout';

const close = (a: number, b: number) => Math.abs(a - b) < 0.06;

test('one circle per pair: truth along x, prediction along y, on one scale, so a perfect prediction is on y = x', () => {
  const points: [number, number][] = [
    [1, 1],
    [2.5, 2],
    [0, 4],
    [4, 4],
  ];
  const l = scatterLayout(points);
  assert.equal(l.circles.length, 4);
  const { x1, y1, x2, y2 } = l.diagonal;
  const onDiagonal = (cx: number, cy: number) => close((cx - x1) / (x2 - x1), (cy - y1) / (y2 - y1));
  assert.ok(onDiagonal(l.circles[0].cx, l.circles[0].cy), 'prediction 1, truth 1');
  assert.ok(onDiagonal(l.circles[3].cx, l.circles[3].cy), 'prediction 4, truth 4');
  assert.ok(!onDiagonal(l.circles[2].cx, l.circles[2].cy), 'prediction 0 for a truth of 4 is off it');
  assert.ok(l.circles[1].cx < l.circles[3].cx, 'a larger truth is further right');
  assert.ok(l.circles[2].cy > l.circles[0].cy, 'a smaller prediction is lower (larger y)');
  assert.ok(x1 < x2 && y1 > y2, 'the diagonal rises from the bottom left');
  for (const c of l.circles) {
    assert.ok(c.cx >= SIZE.L && c.cx <= SIZE.W - SIZE.R, `inside the plot: ${c.cx}`);
    assert.ok(c.cy >= SIZE.T && c.cy <= SIZE.H - SIZE.B, `inside the plot: ${c.cy}`);
  }
});

test('the axes get round ticks, from end to end, the same on both', () => {
  const l = scatterLayout([
    [0.1, 0.2],
    [4.9, 5],
  ]);
  assert.deepEqual(
    l.xTicks.map((t) => t.label),
    ['0', '1', '2', '3', '4', '5'],
  );
  assert.deepEqual(
    l.yTicks.map((t) => t.label),
    l.xTicks.map((t) => t.label),
  );
  assert.deepEqual([l.xTicks[0].at, l.xTicks[5].at], [SIZE.L, SIZE.W - SIZE.R], 'the axis ends on ticks');
});

test('one value, or none, still draws: a unit range around it', () => {
  const l = scatterLayout([[3, 3]]);
  assert.equal(l.circles.length, 1);
  assert.ok(l.xTicks.length >= 2);
  assert.equal(scatterLayout([]).circles.length, 0);
});
