#!/usr/bin/python3
"""PyTorch peer for bench:peer: the user's loop in eager PyTorch. Loads the same checkpoint
(the reference's modules, Transformers' BERT math), trains in train mode (dropout on) on the
batches BERT Studio's trainer forms (same examples, order and dynamic padding, read from a
JSON file), with Trainer's optimizer set-up: torch AdamW, no decay on biases and LayerNorm
weights, linear schedule, global-norm clipping. Writes "step N" to stderr after each step
(the benchmark timestamps these lines) and saves the weights at the end, as the trainer does."""
import argparse, json, os, sys

p = argparse.ArgumentParser()
p.add_argument("--reference", required=True)
p.add_argument("--model", required=True)
p.add_argument("--batches", required=True)
p.add_argument("--out", required=True)
p.add_argument("--threads", type=int, default=os.cpu_count())
p.add_argument("--lr", type=float, default=5e-5)
p.add_argument("--wd", type=float, default=0.0)
p.add_argument("--warmup", type=int, default=0)
p.add_argument("--clip", type=float, default=1.0)
a = p.parse_args()

sys.path.insert(0, os.path.dirname(a.reference))
import torch
import bert_reference as ref

torch.set_num_threads(a.threads)
torch.manual_seed(42)
c, m = ref.build(a.model, "cls")
m.train()
params = dict(m.named_parameters())
groups = [{"params": [p for n, p in params.items() if not ref.no_decay(n)], "weight_decay": a.wd},
          {"params": [p for n, p in params.items() if ref.no_decay(n)], "weight_decay": 0.0}]
opt = torch.optim.AdamW(groups, lr=a.lr, betas=(0.9, 0.999), eps=1e-8)
batches = json.load(open(a.batches))
total = len(batches)


def lam(step):
    if step < a.warmup:
        return step / max(1, a.warmup)
    return max(0.0, (total - step) / max(1, total - a.warmup))


sched = torch.optim.lr_scheduler.LambdaLR(opt, lam)
losses = []
for k, raw in enumerate(batches):
    b = {key: torch.tensor(v, dtype=torch.long) for key, v in raw.items()}
    out = m(b)
    out["loss"].backward()
    torch.nn.utils.clip_grad_norm_(m.parameters(), a.clip)
    opt.step()
    sched.step()
    opt.zero_grad(set_to_none=True)
    losses.append(out["loss"].item())
    print(f"step {k + 1}/{total}", file=sys.stderr, flush=True)
ref.save_safetensors(dict(m.state_dict()), a.out)
print(json.dumps({"peer": f"torch {torch.__version__} eager", "threads": a.threads, "steps": total,
                  "final_loss": losses[-1]}))
