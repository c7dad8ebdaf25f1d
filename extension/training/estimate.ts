/**
 * The setup page's time estimate on the host side: one estimate at a time in the engine, for the form the page
 * sent; a newer request, a form change, Start or closing the page cancels the one running. No VS Code import.
 */
import type { EngineClient } from '../engine/process/engineClient';
import type { ProviderChoice } from '../engine/process/protocol';
import type { SetupForm } from '../shared/protocol/setup';
import type { EtaToSetup } from '../shared/protocol/setupEta';
import { trainParams } from './setupForm';

export interface EstimateHost {
  engine(): Promise<EngineClient>;
  post(m: EtaToSetup): void;
  /** Training on workspace files needs Workspace Trust, and so does measuring it. */
  trusted(): boolean;
  runtime(): { executionProvider: ProviderChoice; threads: number };
}

export class SetupEstimates {
  private running: { engine: EngineClient; id: number } | null = null;
  private generation = 0;

  constructor(
    private readonly file: string,
    private readonly host: EstimateHost,
  ) {}

  /** Measures `form`'s run; its answer (or error) carries the form, so the page drops it if the form moved on. */
  async estimate(form: SetupForm): Promise<void> {
    // Taken before any wait: a request made after this one makes this one stale, never the other way round.
    const generation = ++this.generation;
    await this.stopRunning();
    try {
      if (!this.host.trusted())
        throw new Error('Estimating a run trains a few steps on the file: it needs a trusted workspace.');
      // Nothing is written: the engine never touches the output folder of an estimate.
      const params = trainParams(form, this.file, '', this.host.runtime());
      const engine = await this.host.engine();
      const job = engine.estimate(params, (e) => {
        if (e.type === 'log' && generation === this.generation)
          this.host.post({ type: 'estimateProgress', message: e.message });
      });
      if (generation === this.generation) this.running = { engine, id: job.id };
      else await engine.cancel(job.id).catch(() => undefined);
      const estimate = await job.result;
      if (generation === this.generation) this.host.post({ type: 'estimate', form, estimate });
    } catch (e) {
      if (generation === this.generation)
        this.host.post({ type: 'estimateError', form, message: (e as Error).message });
    } finally {
      if (generation === this.generation) this.running = null;
    }
  }

  /** Stops the running estimate, if any; its answer is dropped. */
  async cancel(): Promise<void> {
    this.generation++;
    await this.stopRunning();
  }

  private async stopRunning(): Promise<void> {
    const running = this.running;
    this.running = null;
    if (running) await running.engine.cancel(running.id).catch(() => undefined);
  }
}
