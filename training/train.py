"""Trains the repair model on training/data/{train,dev}.jsonl (built by build_dataset.ts).

Loss: cross-entropy on the target (the fixed program), each token weighted by the example's
`weights` (FastFixer's modification-focused mask), or --loss plain: weight 1 on every target token,
or --loss hinted: weight 1 on every target token and EDIT_WEIGHT (model.py) where the copy hint is wrong
(the edits); the served model undoes that weighting's bias (model.py, hint_logit_bias).
--hint-dropout P blanks the copy hint at a share P of training positions (never in evaluation or serving),
so that the model also has to read the program to predict a token, not only the hint.
The learning-rate schedule runs on wall-clock time (--minutes), because on a CPU the budget is time.
Checkpoints go to --ckpt (outside git) every --save-every minutes; --resume continues from there.

  /usr/bin/python3 training/train.py --ckpt /work/ckpt/weighted.pt --minutes 90 --threads 1
"""
import argparse
import json
import math
import os
import random
import time

import torch
import torch.nn.functional as F

from model import EDIT_WEIGHT, Config, RepairModel, hint_logit_bias

HINT_WIDTH = Config.hint_width  # the data's hint width; a model may ignore the hints (Config.use_hint)
DESIGNS = {'hint': {}, 'pointer': {'positions': 'rotary', 'use_hint': False, 'pointer': True},
           'hint+pointer': {'positions': 'rotary', 'use_hint': True, 'pointer': True}}

HERE = os.path.dirname(os.path.abspath(__file__))


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def batches(examples, max_tokens, rng):
    """Length-bucketed batches of about max_tokens tokens (padding included), in random order."""
    order = sorted(range(len(examples)), key=lambda i: len(examples[i]['ids']) + rng.random() * 8)
    out, cur, cur_len = [], [], 0
    for i in order:
        n = len(examples[i]['ids'])
        if cur and max(cur_len, n) * (len(cur) + 1) > max_tokens:
            out.append(cur)
            cur, cur_len = [], 0
        cur.append(i)
        cur_len = max(cur_len, n)
    if cur:
        out.append(cur)
    rng.shuffle(out)
    return out


def collate(examples, idx, loss, device):
    T = max(len(examples[i]['ids']) for i in idx)
    ids = torch.zeros(len(idx), T, dtype=torch.long)
    hints = torch.zeros(len(idx), T, HINT_WIDTH, dtype=torch.long)  # <pad> (id 0): no hint in the prompt
    w = torch.zeros(len(idx), T)
    for r, i in enumerate(idx):
        e = examples[i]
        n, s = len(e['ids']), e['target_start']
        ids[r, :n] = torch.tensor(e['ids'])
        # hints[k] is read at the position that predicts target token k: s - 1 + k.
        hints[r, s - 1:n - 1] = torch.tensor(e['hints']).view(-1, HINT_WIDTH)
        # weights[j] belongs to target token ids[s + j], which is predicted at position s + j - 1.
        if loss == 'weighted':
            w[r, s - 1:n - 1] = torch.tensor(e['weights'])
        elif loss == 'hinted':  # every token counts; the ones the copy hint gets wrong (the edits) count EDIT_WEIGHT times
            w[r, s - 1:n - 1] = 1.0 + (EDIT_WEIGHT - 1.0) * (hints[r, s - 1:n - 1, 0] != ids[r, s:n]).float()
        else:
            w[r, s - 1:n - 1] = 1.0
    return ids.to(device), hints.to(device), w.to(device)


def drop_hints(hints, share, generator):
    """Blanks (<pad>, as in the prompt) the hint at a random share of positions: training only."""
    drop = torch.rand(hints.shape[:2], generator=generator) < share
    return hints.masked_fill(drop.unsqueeze(-1).to(hints.device), 0)


def batch_loss(model, ids, hints, w):
    logits, _ = model(ids, hints)
    ce = F.cross_entropy(logits[:, :-1].reshape(-1, logits.size(-1)), ids[:, 1:].reshape(-1), reduction='none')
    ce = ce.view(ids.size(0), -1)
    w = w[:, :-1]
    return (ce * w).sum() / w.sum().clamp(min=1e-6), ce, w


@torch.no_grad()
def evaluate(model, dev, device, max_tokens, served_bias):
    """Dev figures under teacher forcing, with the logits as served (`served_bias`, model.py's
    hint_logit_bias): loss both ways (weighted as trained; plain = mean over all target tokens),
    argmax accuracy on target tokens of unedited lines (weight < 1), of edited lines, and where the
    copy hint is wrong (the edits proper), and the share of examples with every target token right."""
    model.eval()
    model.hint_logit_bias = served_bias
    sums = {'weighted': [0.0, 0.0], 'plain': [0.0, 0.0], 'unchanged_acc': [0, 0], 'edited_acc': [0, 0], 'unhinted_acc': [0, 0], 'exact': [0, 0]}
    for idx in batches(dev, max_tokens, random.Random(0)):
        ids, hints, w = collate(dev, idx, 'weighted', device)
        logits, _ = model(ids, hints)
        ce = F.cross_entropy(logits[:, :-1].reshape(-1, logits.size(-1)), ids[:, 1:].reshape(-1), reduction='none').view(ids.size(0), -1)
        right = logits[:, :-1].argmax(-1) == ids[:, 1:]
        ww = w[:, :-1]
        target = collate(dev, idx, 'plain', device)[2][:, :-1] > 0  # unedited weights may round to 0
        edited = ww >= 1
        unchanged = target & ~edited
        sums['weighted'][0] += (ce * ww).sum().item(); sums['weighted'][1] += ww.sum().item()
        sums['plain'][0] += (ce * target).sum().item(); sums['plain'][1] += target.sum().item()
        sums['unchanged_acc'][0] += (right & unchanged).sum().item(); sums['unchanged_acc'][1] += unchanged.sum().item()
        sums['edited_acc'][0] += (right & edited).sum().item(); sums['edited_acc'][1] += edited.sum().item()
        unhinted = target & (hints[:, :-1, 0] != ids[:, 1:])  # the edits proper: the copy hint is wrong there
        sums['unhinted_acc'][0] += (right & unhinted).sum().item(); sums['unhinted_acc'][1] += unhinted.sum().item()
        sums['exact'][0] += (right | ~target).all(dim=1).sum().item(); sums['exact'][1] += ids.size(0)
    model.hint_logit_bias = 0.0
    model.train()
    return {k: round(a / max(b, 1e-6), 5) for k, (a, b) in sums.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=os.path.join(HERE, 'data'))
    ap.add_argument('--ckpt', required=True)
    ap.add_argument('--resume', action='store_true')
    ap.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--loss', choices=['weighted', 'plain', 'hinted'], default='weighted')
    ap.add_argument('--minutes', type=float, default=90, help='wall-clock training budget; sets the LR schedule')
    ap.add_argument('--steps', type=int, help='step budget for this run instead of --minutes (equal-compute comparisons)')
    ap.add_argument('--init', help='start from this checkpoint\'s weights (and design) with a fresh optimizer and schedule (fine-tuning)')
    ap.add_argument('--eval-only', action='store_true', help='print the --init checkpoint\'s dev figures (on --dev-examples of dev) and stop')
    ap.add_argument('--batch-tokens', type=int, default=4096)
    ap.add_argument('--lr', type=float, default=1e-3)
    ap.add_argument('--min-lr', type=float, default=1e-4)
    ap.add_argument('--warmup-steps', type=int, default=100)
    ap.add_argument('--weight-decay', type=float, default=0.05)
    ap.add_argument('--save-every', type=float, default=5, help='minutes')
    ap.add_argument('--eval-every', type=float, default=15, help='minutes')
    ap.add_argument('--dev-examples', type=int, default=200)
    ap.add_argument('--n-layer', type=int, default=4)
    ap.add_argument('--n-head', type=int, default=4)
    ap.add_argument('--d-model', type=int, default=256)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--hint-dropout', type=float, default=0.0, help='share of training positions whose copy hint is blanked')
    ap.add_argument('--design', choices=list(DESIGNS), default='hint',
                    help="a new model's design: 'hint' (1a, the copy hint, learned positions), 'pointer' (1b, rotary positions and a "
                         "pointer head, no hint) or 'hint+pointer' (both)")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    device = torch.device(args.device)
    vocab = json.load(open(os.path.join(HERE, '..', 'models', 'vocab.json')))
    train = load(os.path.join(args.data, 'train.jsonl'))
    dev_all = load(os.path.join(args.data, 'dev.jsonl'))
    dev = random.Random(0).sample(dev_all, min(args.dev_examples, len(dev_all)))
    assert all(e['split'] == 'train' for e in train) and all(e['split'] == 'dev' for e in dev_all)

    state = torch.load(args.ckpt, map_location='cpu') if args.resume and os.path.exists(args.ckpt) else None
    # max_positions: the sequence length build_dataset.ts kept (server/src/model/contract.ts TRAINED_POSITIONS).
    max_positions = json.load(open(os.path.join(args.data, 'summary.json')))['max_positions']
    init = torch.load(args.init, map_location='cpu') if args.init and not state else None
    # A resumed or --init run keeps its checkpoint's shape and design; --design and the sizes make a new model.
    saved = state or init
    cfg = Config(**saved['config']) if saved else Config(vocab_size=len(vocab), n_layer=args.n_layer, n_head=args.n_head,
                                                         d_model=args.d_model, max_positions=max_positions,
                                                         **DESIGNS[args.design])
    assert cfg.vocab_size == len(vocab), 'models/vocab.json changed: the checkpoint does not fit'
    assert cfg.max_positions == max_positions, 'the checkpoint was trained at another sequence length than this data holds'
    model = RepairModel(cfg).to(device)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{'params': decay, 'weight_decay': args.weight_decay}, {'params': no_decay, 'weight_decay': 0.0}], lr=args.lr, betas=(0.9, 0.95))
    step, tokens_seen, elapsed, epoch = 0, 0, 0.0, 0
    epoch_batches = 0  # a resumed run skips these, so it continues the epoch rather than replaying its start
    phases = []  # [step, tokens_seen, loss] each time a run starts with a loss: the checkpoint's history
    if state:
        model.load_state_dict(state['model'])
        opt.load_state_dict(state['optimizer'])
        step, tokens_seen, elapsed, epoch = state['step'], state['tokens_seen'], state['elapsed'], state['epoch']
        phases = state.get('phases', [[0, 0, state.get('loss')]])
        # Batches of the current epoch already trained on; a checkpoint without the field began its epoch 0 at its run's start.
        epoch_batches = state.get('epoch_batches', step - state.get('run_start_step', 0) if epoch == 0 else 0)
    elif init:
        model.load_state_dict(init['model'])
        tokens_seen, elapsed = init['tokens_seen'], init['elapsed']  # provenance: the tokens behind these weights
        step = init['step']
        phases = init.get('phases', [[0, 0, init.get('loss')]]) + [[step, tokens_seen, 'init']]
    # Where this run's schedule began (a resumed run keeps its own; an --init run starts one here).
    run_start_step, run_start_elapsed = (state.get('run_start_step', 0), state.get('run_start_elapsed', 0.0)) if state else (step, elapsed)
    if not phases or phases[-1][2] != args.loss:
        phases.append([step, tokens_seen, args.loss])
    if args.eval_only:
        served_bias = hint_logit_bias((state or init or {}).get('loss'))
        variants = [('as served', served_bias)] + ([('without the hint bias', 0.0)] if served_bias else [])
        for name, bias in variants:
            print(f'dev {len(dev)}/{len(dev_all)} step {step} tokens {tokens_seen} {name} {json.dumps(evaluate(model, dev, device, args.batch_tokens, bias))}', flush=True)
        return
    budget = args.minutes * 60
    print(f'params {model.num_params() / 1e6:.2f}M, train {len(train)} examples ({sum(len(e["ids"]) for e in train)} tokens), '
          f'dev {len(dev)}/{len(dev_all)}, device {device}, loss {args.loss}, step {step}, phases {phases}', flush=True)

    def progress():
        return (step - run_start_step) / args.steps if args.steps else (elapsed - run_start_elapsed) / budget

    def lr_now():
        if step - run_start_step < args.warmup_steps:
            return args.lr * (step - run_start_step + 1) / args.warmup_steps
        return args.min_lr + 0.5 * (args.lr - args.min_lr) * (1 + math.cos(math.pi * min(progress(), 1.0)))

    def save():
        tmp = args.ckpt + '.tmp'
        torch.save({'model': model.state_dict(), 'optimizer': opt.state_dict(), 'config': cfg.to_dict(), 'step': step,
                    'tokens_seen': tokens_seen, 'elapsed': elapsed, 'epoch': epoch, 'loss': args.loss, 'hint_dropout': args.hint_dropout, 'phases': phases,
                    'run_start_step': run_start_step, 'run_start_elapsed': run_start_elapsed, 'epoch_batches': epoch_batches}, tmp)
        os.replace(tmp, args.ckpt)

    os.makedirs(os.path.dirname(os.path.abspath(args.ckpt)), exist_ok=True)
    t_start, t_saved, t_eval = time.time() - elapsed, time.time(), time.time()
    window_loss, window_tokens, t_window = 0.0, 0, time.time()
    dropout_rng = torch.Generator().manual_seed(args.seed + step)  # a resumed run draws other blanks, not the same again
    while progress() < 1:
        for idx in batches(train, args.batch_tokens, random.Random(args.seed * 1000 + epoch))[epoch_batches:]:
            elapsed = time.time() - t_start
            if progress() >= 1:
                break
            for g in opt.param_groups:
                g['lr'] = lr_now()
            ids, hints, w = collate(train, idx, args.loss, device)
            if args.hint_dropout:
                hints = drop_hints(hints, args.hint_dropout, dropout_rng)
            loss, _, _ = batch_loss(model, ids, hints, w)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            step += 1
            epoch_batches += 1
            n = sum(len(train[i]['ids']) for i in idx)
            tokens_seen += n
            window_loss += loss.item(); window_tokens += n
            if step % 20 == 0:
                dt = time.time() - t_window
                print(f'step {step} epoch {epoch} loss {window_loss / 20:.4f} lr {opt.param_groups[0]["lr"]:.2e} '
                      f'tok/s {window_tokens / dt:.0f} tokens {tokens_seen} elapsed {elapsed / 60:.1f}m', flush=True)
                window_loss, window_tokens, t_window = 0.0, 0, time.time()
            if time.time() - t_eval > args.eval_every * 60:
                print(f'dev step {step} tokens {tokens_seen} {json.dumps(evaluate(model, dev, device, args.batch_tokens, hint_logit_bias(args.loss)))}', flush=True)
                t_eval = time.time()
            if time.time() - t_saved > args.save_every * 60:
                save()
                t_saved = time.time()
        else:
            epoch += 1
            epoch_batches = 0
    elapsed = time.time() - t_start
    save()
    print(f'final dev step {step} tokens {tokens_seen} {json.dumps(evaluate(model, dev, device, args.batch_tokens, hint_logit_bias(args.loss)))}', flush=True)


if __name__ == '__main__':
    main()
