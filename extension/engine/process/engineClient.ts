/**
 * Starts the engine process and talks to it: a ready handshake, requests that
 * resolve or reject by id, progress events, and a clear error for every pending
 * request when the process dies (exit code or signal, and its last stderr lines).
 */
import { ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';
import {
  DownloadEvent,
  EngineEvent,
  EngineMessage,
  InspectEvent,
  Request,
  TrainParams,
  parseEngineMessage,
} from './protocol';
import type { Embedding } from '../infer/embed';
import type { Pooling } from '../infer/pooling';
import type { Prediction } from '../infer/classify';
import type { Answer } from '../train/qaFeatures';
import type { ColumnMapping } from '../../shared/data/columns';
import type { DatasetSummary } from '../data/inspect';
import type { DatasetPreview } from '../data/preview';
import type { SplitResult } from '../data/splitFiles';
import type { Encoded } from '../tokenize/bertTokenizer';
import type { QuickRequest, QuickResult } from '../train/quickModel';
import type { TrainEvent } from '../../shared/runs/trainEvent';

type Pending = { resolve(v: unknown): void; reject(e: Error): void; onEvent?: (e: EngineEvent) => void };
type Body<R> = R extends Request ? Omit<R, 'id'> : never;

export class EngineExitError extends Error {}

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stderrTail: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    private readonly child: ChildProcess,
    readonly pid: number,
    onStderr?: (text: string) => void,
  ) {
    child.stderr?.on('data', (d: Buffer) => {
      onStderr?.(d.toString());
      this.stderrTail = [...this.stderrTail, ...d.toString().split('\n').filter(Boolean)].slice(-20);
    });
    child.on('message', (raw) => this.receive(raw));
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        const tail = this.stderrTail.length ? `; last output: ${this.stderrTail.slice(-5).join(' | ')}` : '';
        const err = new EngineExitError(
          `the engine process exited (${signal ? `signal ${signal}` : `code ${code}`})${tail}`,
        );
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
        resolve({ code, signal });
      }),
    );
  }

  /** Forks the engine (the compiled engineMain.js beside this file) and waits for its ready message. */
  static async start(
    opts: { entry?: string; execArgv?: string[]; env?: NodeJS.ProcessEnv; onStderr?: (text: string) => void } = {},
  ): Promise<EngineClient> {
    const entry = opts.entry ?? path.join(__dirname, 'engineMain.js');
    const child = fork(entry, [], {
      stdio: ['ignore', opts.onStderr ? 'pipe' : 'inherit', 'pipe', 'ipc'],
      execArgv: opts.execArgv ?? [],
      env: opts.env ?? process.env,
    });
    if (opts.onStderr) child.stdout?.on('data', (d: Buffer) => opts.onStderr!(d.toString()));
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('message', (raw) => {
        try {
          const m = parseEngineMessage(raw);
          if (m.type === 'ready') resolve(m.pid);
          else reject(new Error(`the engine's first message was ${m.type}, not ready`));
        } catch (e) {
          reject(e as Error);
        }
      });
      child.once('exit', (code, signal) =>
        reject(new EngineExitError(`the engine process exited before it was ready (${signal ?? code})`)),
      );
      child.once('error', reject);
    });
    return new EngineClient(child, pid, opts.onStderr);
  }

  private receive(raw: unknown): void {
    let m: EngineMessage;
    try {
      m = parseEngineMessage(raw);
    } catch {
      return;
    }
    if (m.type === 'ready') return;
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'event') p.onEvent?.(m.event);
    else {
      this.pending.delete(m.id);
      if (m.type === 'result') p.resolve(m.result);
      else p.reject(new Error(m.message));
    }
  }

  private send<T, E extends EngineEvent = TrainEvent>(
    body: Body<Request>,
    onEvent?: (e: E) => void,
  ): { id: number; result: Promise<T> } {
    const id = this.nextId++;
    const result = new Promise<T>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        onEvent: onEvent as ((e: EngineEvent) => void) | undefined,
      });
      this.child.send({ ...body, id } as Request, (err) => {
        if (err) {
          this.pending.delete(id);
          reject(err);
        }
      });
    });
    return { id, result };
  }

  /** Starts training; the id is what `cancel` takes. */
  train(
    params: TrainParams,
    onEvent?: (e: TrainEvent) => void,
  ): { id: number; result: Promise<Record<string, number>> } {
    return this.send({ type: 'train', params }, onEvent);
  }

  cancel(target: number): Promise<null> {
    return this.send<null>({ type: 'cancel', target }).result;
  }

  classify(model: string, texts: string[], pairs?: string[]): Promise<Prediction[][]> {
    return this.send<Prediction[][]>({ type: 'classify', model, texts, pairs }).result;
  }

  answer(model: string, question: string, context: string): Promise<Answer[]> {
    return this.send<Answer[]>({ type: 'answer', model, question, context }).result;
  }

  tokenize(
    model: string,
    text: string,
    pair?: string,
    maxLength?: number,
  ): Promise<{ encoded: Encoded; fullLength: number; maxLength: number }> {
    return this.send<{ encoded: Encoded; fullLength: number; maxLength: number }>({
      type: 'tokenize',
      model,
      text,
      pair,
      maxLength,
    }).result;
  }

  evaluate(run: string, data: string, columns?: Partial<ColumnMapping>): Promise<Record<string, number | string>> {
    return this.send<Record<string, number | string>>({ type: 'evaluate', run, data, columns }).result;
  }

  /** What a data file is (rows, columns, label counts) or why it cannot be used; large files are streamed here, not on the host. */
  inspect(
    file: string,
    columns?: Partial<ColumnMapping>,
    onProgress?: (e: InspectEvent) => void,
  ): Promise<DatasetSummary> {
    return this.send<DatasetSummary, InspectEvent>({ type: 'inspect', file, columns }, onProgress).result;
  }

  /** Writes FILE.train.EXT and FILE.validation.EXT beside the file, stratified and seeded; refuses to replace either unless `overwrite`. */
  split(
    file: string,
    o: { columns?: Partial<ColumnMapping>; testSize: number; seed: number; overwrite: boolean },
  ): Promise<SplitResult> {
    return this.send<SplitResult>({ type: 'split', file, ...o }).result;
  }

  /** The first rows, tokenized with `model`'s tokenizer, and the token-length histogram against maxLength. */
  preview(file: string, model: string, columns?: Partial<ColumnMapping>, maxLength?: number): Promise<DatasetPreview> {
    return this.send<DatasetPreview>({ type: 'preview', file, model, columns, maxLength }).result;
  }

  /** Embeddings of each text: every token's last hidden state, the pooler output, or the mask-mean of the token states. */
  embed(model: string, texts: string[], pooling: Pooling): Promise<Embedding[]> {
    return this.send<Embedding[]>({ type: 'embed', model, texts, pooling }).result;
  }

  /** Fetches a Hub model into the Hugging Face cache (bytes per file as events); the id is what `cancel` takes. */
  download(
    model: string,
    onEvent?: (e: DownloadEvent) => void,
    revision?: string,
  ): { id: number; result: Promise<{ folder: string; repoId: string | null; commit: string | null }> } {
    return this.send({ type: 'download', model, revision }, onEvent);
  }

  /** Writes OUT/onnx/model.onnx (with config and tokenizer files); the path of the .onnx file. */
  export(model: string, out: string): Promise<string> {
    return this.send<string>({ type: 'export', model, out }).result;
  }

  /** The labeler's quick model: a head trained on `request.train` over `model`'s cached frozen features; probabilities for `request.predict`. */
  quickSuggest(model: string, request: QuickRequest): Promise<QuickResult> {
    return this.send<QuickResult>({ type: 'quickSuggest', model, request }).result;
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.child.kill(signal);
  }

  async stop(): Promise<void> {
    this.child.disconnect();
    await this.exited;
  }
}
