/**
 * Starts the engine process and talks to it: a ready handshake, requests that
 * resolve or reject by id, progress events, and a clear error for every pending
 * request when the process dies (exit code or signal, and its last stderr lines).
 */
import { ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';
import {
  ANSWER,
  PREDICT,
  CANCEL,
  CLASSIFY,
  DOWNLOAD,
  DownloadEvent,
  EMBED,
  ESTIMATE,
  EVALUATE,
  EXPORT,
  EngineEvent,
  EngineMessage,
  INSPECT,
  InspectEvent,
  PREVIEW,
  QUICK_SUGGEST,
  RequestType,
  SPLIT,
  TOKENIZE,
  TRAIN,
  TrainParams,
  parseEngineMessage,
} from './protocol';
import type { Pooling } from '../infer/pooling';
import type { ColumnMapping } from '../../shared/data/columns';
import type { QuickRequest } from '../train/quickModel';
import type { TrainEvent } from '../../shared/runs/trainEvent';

/** A request in flight: its result is checked by its request type before the caller sees it. */
type Pending = { settle(result: unknown): void; reject(e: Error): void; onEvent(e: EngineEvent): void };

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
    if (m.type === 'event') p.onEvent(m.event);
    else {
      this.pending.delete(m.id);
      if (m.type === 'result') p.settle(m.result);
      else p.reject(new Error(m.message));
    }
  }

  /**
   * Sends a request; `result` resolves with the engine's answer once its type has checked it (a malformed
   * answer rejects), and `id` is what `cancel` takes. Events of the request go to `onEvent`.
   */
  request<P extends object, R>(
    type: RequestType<P, R>,
    params: P,
    onEvent?: (e: EngineEvent) => void,
  ): { id: number; result: Promise<R> } {
    const id = this.nextId++;
    const result = new Promise<R>((resolve, reject) => {
      this.pending.set(id, {
        settle: (raw) => {
          try {
            resolve(type.parseResult(raw));
          } catch (e) {
            reject(e as Error);
          }
        },
        reject,
        onEvent: (e) => onEvent?.(e),
      });
      this.child.send({ ...params, type: type.type, id }, (err) => {
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
    return this.request(TRAIN, { params }, only(isTrainEvent, onEvent));
  }

  /** How long training with `params` would take on this machine, and its faster alternatives; `cancel` takes the id. */
  estimate(params: TrainParams, onEvent?: (e: TrainEvent) => void) {
    return this.request(ESTIMATE, { params }, only(isTrainEvent, onEvent));
  }

  cancel(target: number): Promise<null> {
    return this.request(CANCEL, { target }).result;
  }

  classify(model: string, texts: string[], pairs?: string[]) {
    return this.request(CLASSIFY, { model, texts, pairs }).result;
  }

  /** Any fine-tuned model, by its own task: entities (token), labels with thresholds (multilabel), a value (regression), … */
  predict(model: string, texts: string[], pairs?: string[]) {
    return this.request(PREDICT, { model, texts, pairs }).result;
  }

  answer(model: string, question: string, context: string) {
    return this.request(ANSWER, { model, question, context }).result;
  }

  tokenize(model: string, text: string, pair?: string, maxLength?: number) {
    return this.request(TOKENIZE, { model, text, pair, maxLength }).result;
  }

  evaluate(run: string, data: string, columns?: Partial<ColumnMapping>) {
    return this.request(EVALUATE, { run, data, columns }).result;
  }

  /** What a data file is (rows, columns, label counts) or why it cannot be used; large files are streamed here, not on the host. */
  inspect(file: string, columns?: Partial<ColumnMapping>, onProgress?: (e: InspectEvent) => void) {
    return this.request(INSPECT, { file, columns }, only(isInspectEvent, onProgress)).result;
  }

  /** Writes FILE.train.EXT and FILE.validation.EXT beside the file, stratified and seeded; refuses to replace either unless `overwrite`. */
  split(file: string, o: { columns?: Partial<ColumnMapping>; testSize: number; seed: number; overwrite: boolean }) {
    return this.request(SPLIT, { file, ...o }).result;
  }

  /** The first rows, tokenized with `model`'s tokenizer, and the token-length histogram against maxLength. */
  preview(file: string, model: string, columns?: Partial<ColumnMapping>, maxLength?: number) {
    return this.request(PREVIEW, { file, model, columns, maxLength }).result;
  }

  /** Embeddings of each text: every token's last hidden state, the pooler output, or the mask-mean of the token states. */
  embed(model: string, texts: string[], pooling: Pooling) {
    return this.request(EMBED, { model, texts, pooling }).result;
  }

  /** Fetches a Hub model into the Hugging Face cache (bytes per file as events); the id is what `cancel` takes. */
  download(model: string, onEvent?: (e: DownloadEvent) => void, revision?: string) {
    return this.request(DOWNLOAD, { model, revision }, only(isDownloadEvent, onEvent));
  }

  /** Writes OUT/onnx/model.onnx (with config and tokenizer files); the path of the .onnx file. */
  export(model: string, out: string) {
    return this.request(EXPORT, { model, out }).result;
  }

  /** The labeler's quick model: a head trained on `request.train` over `model`'s cached frozen features; probabilities for `request.predict`. */
  quickSuggest(model: string, request: QuickRequest) {
    return this.request(QUICK_SUGGEST, { model, request }).result;
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.child.kill(signal);
  }

  async stop(): Promise<void> {
    this.child.disconnect();
    await this.exited;
  }
}

const isDownloadEvent = (e: EngineEvent): e is DownloadEvent => e.type === 'download';
const isInspectEvent = (e: EngineEvent): e is InspectEvent => e.type === 'inspect';
const isTrainEvent = (e: EngineEvent): e is TrainEvent => !isDownloadEvent(e) && !isInspectEvent(e);

/** Passes on only the events of the kind a request streams. */
function only<E extends EngineEvent>(is: (e: EngineEvent) => e is E, to?: (e: E) => void): (e: EngineEvent) => void {
  return (e) => {
    if (is(e)) to?.(e);
  };
}
