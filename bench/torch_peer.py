#!/usr/bin/python3
"""PyTorch peer for bench:train: the reference's model (Transformers' BERT math) trained
eagerly with torch AdamW on the same shapes and thread count. Prints one JSON line."""
import argparse, json, os, resource, sys, time

p = argparse.ArgumentParser()
p.add_argument("--reference", required=True)
p.add_argument("--batch", type=int, default=8)
p.add_argument("--seq", type=int, default=128)
p.add_argument("--steps", type=int, default=5)
p.add_argument("--warmup", type=int, default=2)
p.add_argument("--threads", type=int, default=os.cpu_count())
p.add_argument("--layers", type=int, default=12)
p.add_argument("--hidden", type=int, default=768)
p.add_argument("--heads", type=int, default=12)
p.add_argument("--inter", type=int, default=3072)
p.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
a = p.parse_args()

sys.path.insert(0, os.path.dirname(a.reference))
import torch
import bert_reference as ref

torch.set_num_threads(a.threads)
torch.manual_seed(0)
c = {"vocab_size": 30522, "hidden_size": a.hidden, "num_hidden_layers": a.layers, "num_attention_heads": a.heads,
     "intermediate_size": a.inter, "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
     "attention_probs_dropout_prob": 0.1, "max_position_embeddings": 512, "type_vocab_size": 2,
     "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": 0, "id2label": {"0": "a", "1": "b"}}
m = ref.ForSequenceClassification(c).to(a.device)
m.train()
opt = torch.optim.AdamW(m.parameters(), lr=5e-5, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)
b = {"input_ids": torch.randint(1000, 30000, (a.batch, a.seq)), "attention_mask": torch.ones(a.batch, a.seq, dtype=torch.long),
     "token_type_ids": torch.zeros(a.batch, a.seq, dtype=torch.long), "labels": torch.randint(0, 2, (a.batch,))}
b = {k: v.to(a.device) for k, v in b.items()}
sync = torch.cuda.synchronize if a.device == "cuda" else (lambda: None)

def step():
    out = m(b)
    out["loss"].backward()
    torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0)
    opt.step()
    opt.zero_grad()

for _ in range(a.warmup):
    step()
times, cpu = [], []
for _ in range(a.steps):
    sync()
    t, c = time.perf_counter(), time.process_time()
    step()
    sync()
    times.append(time.perf_counter() - t)
    cpu.append(time.process_time() - c)
dt = sum(times) / len(times)
print(json.dumps({"peer": f"torch {torch.__version__} eager on {a.device}", "threads": a.threads, "step_s": dt, "step_s_p50": sorted(times)[len(times) // 2],
                  "step_cpu_s_p50": sorted(cpu)[len(cpu) // 2],
                  "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                  "samples_per_s": a.batch / dt, "tokens_per_s": a.batch * a.seq / dt}))
