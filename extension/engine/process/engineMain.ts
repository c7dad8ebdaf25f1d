/** The engine process: answers requests from its parent over the IPC channel. */
import { EngineMessage, Request, parseRequest } from './protocol';
import { TrainEvent, train } from '../train/trainer';
import { Classifier } from '../infer/classify';

const STEP_EVENT_INTERVAL_MS = 100;
const running = new Map<number, AbortController>();
const classifiers = new Map<string, Promise<Classifier>>();

function send(m: EngineMessage): void {
  process.send?.(m);
}

/** Step events at most every 100 ms (and always the last), so a fast tiny model does not flood the host. */
function throttled(id: number): (e: TrainEvent) => void {
  let last = 0;
  return (event) => {
    if (event.type === 'step' && event.step !== event.total && Date.now() - last < STEP_EVENT_INTERVAL_MS) return;
    if (event.type === 'step') last = Date.now();
    send({ type: 'event', id, event });
  };
}

async function handle(r: Request): Promise<unknown> {
  switch (r.type) {
    case 'train': {
      const ctl = new AbortController();
      running.set(r.id, ctl);
      try {
        return await train({ ...r.params, onEvent: throttled(r.id), signal: ctl.signal });
      } finally {
        running.delete(r.id);
      }
    }
    case 'cancel': {
      const ctl = running.get(r.target);
      if (!ctl) throw new Error(`no running request ${r.target} to cancel`);
      ctl.abort();
      return null;
    }
    case 'classify': {
      if (!classifiers.has(r.model)) classifiers.set(r.model, Classifier.load(r.model));
      const c = await classifiers.get(r.model)!.catch((e) => { classifiers.delete(r.model); throw e; });
      return c.classify(r.texts, r.pairs);
    }
  }
}

process.on('message', (raw: unknown) => {
  let request: Request;
  try {
    request = parseRequest(raw);
  } catch (e) {
    const id = (raw as { id?: unknown })?.id;
    send({ type: 'error', id: Number.isInteger(id) ? (id as number) : 0, message: (e as Error).message });
    return;
  }
  handle(request).then(
    (result) => send({ type: 'result', id: request.id, result }),
    (e: Error) => send({ type: 'error', id: request.id, message: e.message }),
  );
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready', pid: process.pid, versions: { node: process.versions.node } });
