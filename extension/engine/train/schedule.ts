/** Learning-rate schedules with Transformers' formulas (get_scheduler), by optimizer-step index from 0. */
export type SchedulerType = 'linear' | 'constant' | 'constant_with_warmup' | 'cosine';

export interface ScheduleOptions {
  type: SchedulerType;
  baseLr: number;
  warmupSteps: number;
  totalSteps: number;
}

export function learningRate(o: ScheduleOptions, step: number): number {
  const warm = Math.max(1, o.warmupSteps);
  if (o.type === 'constant') return o.baseLr;
  if (step < o.warmupSteps) return (o.baseLr * step) / warm;
  if (o.type === 'constant_with_warmup') return o.baseLr;
  const progress = (step - o.warmupSteps) / Math.max(1, o.totalSteps - o.warmupSteps);
  if (o.type === 'cosine') return o.baseLr * Math.max(0, 0.5 * (1 + Math.cos(Math.PI * progress)));
  return o.baseLr * Math.max(0, (o.totalSteps - step) / Math.max(1, o.totalSteps - o.warmupSteps));
}

/** Warmup steps from warmup_steps, or else warmup_ratio of the total (Trainer's rule: ceil). */
export function warmupSteps(totalSteps: number, warmupStepsArg: number, warmupRatio: number): number {
  return warmupStepsArg > 0 ? warmupStepsArg : Math.ceil(totalSteps * warmupRatio);
}
