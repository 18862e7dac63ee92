"""Exports a checkpoint to models/repair.onnx per server/src/model/contract.ts, plus models/model.json
(the ModelCard) and models/export_check.json (fixed inputs with PyTorch's logits, for the unit test).

Weights: --weights int7 (default, shipped) rewrites every MatMul with a constant weight into a
MatMulInteger of u8 activations (zero point 128), quantised per row, so a token's result never
depends on the other tokens fed with it, and per-output-channel symmetric weights in [-63, 63]:
7 bits, so u8 x s8 products cannot saturate on AVX2 CPUs without VNNI. --weights fp32 keeps fp32.
Both are exactly batch-invariant (model.py's extra query row), which the speculative decoder needs.
export_check.json holds, per fixed input, PyTorch's logits computed the way the export computes
them (int7 simulated in PyTorch) and PyTorch's plain fp32 logits, so the unit test checks both that
ONNX computes what PyTorch does and how far int7 is from fp32.

  /usr/bin/python3 training/export_onnx.py --ckpt /work/ckpt/repair.pt
"""
import argparse
import hashlib
import json
import os
import shutil

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper, TensorProto

from model import Config, RepairModel, hint_logit_bias

HINT_WIDTH = Config.hint_width

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, '..', 'models')
OPSET = 17


class ContractWrapper(torch.nn.Module):
    """Flat inputs/outputs in the contract's order: input_ids, hint_ids, past_key_i, past_value_i..."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, hint_ids, *flat_past):
        past = [(flat_past[2 * i], flat_past[2 * i + 1]) for i in range(len(flat_past) // 2)]
        logits, presents = self.model(input_ids, hint_ids, past)
        return (logits, *[t for kv in presents for t in kv])


def export_fp32(model, cfg, path):
    names_in = ['input_ids', 'hint_ids'] + [f'past_{kv}_{i}' for i in range(cfg.n_layer) for kv in ('key', 'value')]
    names_out = ['logits'] + [f'present_{kv}_{i}' for i in range(cfg.n_layer) for kv in ('key', 'value')]
    ids = torch.tensor([[2, 5, 7]], dtype=torch.long)
    hints = torch.tensor([[[0] * cfg.hint_width, [8] * cfg.hint_width, [9] * cfg.hint_width]], dtype=torch.long)
    past = [torch.zeros(1, 4, cfg.n_head, cfg.head_dim) for _ in range(2 * cfg.n_layer)]  # P > 0: no specialisation
    axes = {'input_ids': {1: 'T'}, 'hint_ids': {1: 'T'}, 'logits': {1: 'T'}}
    axes.update({n: {1: 'P'} for n in names_in[2:]})
    axes.update({n: {1: 'T'} for n in names_out[1:]})
    torch.onnx.export(ContractWrapper(model), (ids, hints, *past), path, input_names=names_in, output_names=names_out,
                      dynamic_axes=axes, opset_version=OPSET, do_constant_folding=True)


def quantize_weight(w):
    """A [in, out] weight as 7-bit values per output column: (int8 in [-63, 63], fp32 scales)."""
    scale = np.maximum(np.abs(w).max(axis=0), 1e-8) / 63.0
    return np.clip(np.round(w / scale), -63, 63).astype(np.int8), scale.astype(np.float32)


def quantize_int7(path_in, path_out):
    """MatMul(x, W const) -> MatMulInteger(round(x / x_scale_row), round(W / s)) * x_scale_row * s."""
    m = onnx.load(path_in)
    g = m.graph
    inits = {t.name: t for t in g.initializer}
    new_nodes, n_quantized = [], 0
    for node in g.node:
        w_name = node.input[1] if node.op_type == 'MatMul' else None
        w = numpy_helper.to_array(inits[w_name]) if w_name in inits else None
        if w is None or w.ndim != 2:
            new_nodes.append(node)
            continue
        n_quantized += 1
        wq, scale = quantize_weight(w)
        base = f'q{n_quantized}'
        g.initializer.extend([numpy_helper.from_array(wq, f'{base}_w'), numpy_helper.from_array(scale, f'{base}_ws')])
        x = node.input[0]
        # Activations are quantised per row (per token), symmetric: a token's result never depends on
        # the other tokens fed with it, so verifying a draft gives exactly the logits of decoding one
        # token at a time (the speculative decoder's output stays identical to greedy decoding).
        new_nodes += [
            helper.make_node('Abs', [x], [f'{base}_abs']),
            helper.make_node('ReduceMax', [f'{base}_abs'], [f'{base}_max'], axes=[-1], keepdims=1),
            helper.make_node('Max', [f'{base}_max', 'qeps'], [f'{base}_maxe']),
            helper.make_node('Div', [f'{base}_maxe', 'q127'], [f'{base}_xs']),
            helper.make_node('Div', [x, f'{base}_xs'], [f'{base}_xd']),
            helper.make_node('Round', [f'{base}_xd'], [f'{base}_xr']),
            # u8 with zero point 128, not s8: MLAS's u8 x s8 kernel is ~4x faster than s8 x s8 on AVX2.
            helper.make_node('Add', [f'{base}_xr', 'q128'], [f'{base}_xu']),
            helper.make_node('Cast', [f'{base}_xu'], [f'{base}_x'], to=TensorProto.UINT8),
            helper.make_node('MatMulInteger', [f'{base}_x', f'{base}_w', 'qzp'], [f'{base}_i32']),
            helper.make_node('Cast', [f'{base}_i32'], [f'{base}_f'], to=TensorProto.FLOAT),
            helper.make_node('Mul', [f'{base}_f', f'{base}_xs'], [f'{base}_fx']),
            helper.make_node('Mul', [f'{base}_fx', f'{base}_ws'], [node.output[0]]),
        ]
    g.initializer.extend([numpy_helper.from_array(np.array(1e-8, np.float32), 'qeps'), numpy_helper.from_array(np.array(127.0, np.float32), 'q127'),
                          numpy_helper.from_array(np.array(128.0, np.float32), 'q128'), numpy_helper.from_array(np.array(128, np.uint8), 'qzp')])
    used = {i for n in new_nodes for i in n.input}
    kept = [t for t in g.initializer if t.name in used]
    del g.node[:]
    g.node.extend(new_nodes)
    del g.initializer[:]
    g.initializer.extend(kept)
    onnx.checker.check_model(m)
    onnx.save(m, path_out)
    return n_quantized


def int7_matmul(x, w):
    """x @ w ([in, out]) computed as quantize_int7's graph computes it, in the same order."""
    xs = torch.clamp(x.abs().amax(dim=-1, keepdim=True), min=1e-8) / 127.0
    xq = torch.round(x / xs)
    wq, ws = (torch.from_numpy(a) for a in quantize_weight(w.detach().numpy()))
    return (xq @ wq.float()) * xs * ws  # integer sums below 2^24: exact in fp32, like MatMulInteger


class Int7Linear(torch.nn.Module):
    def __init__(self, linear):
        super().__init__()
        self.weight, self.bias = linear.weight, linear.bias

    def forward(self, x):
        return int7_matmul(x, self.weight.t()) + self.bias


def simulate_int7(model):
    """The model with every constant-weight MatMul computed the way the int7 export computes it."""
    model.hint_proj = Int7Linear(model.hint_proj)
    for block in model.blocks:
        block.attn.qkv, block.attn.proj = Int7Linear(block.attn.qkv), Int7Linear(block.attn.proj)
        block.mlp[0], block.mlp[2] = Int7Linear(block.mlp[0]), Int7Linear(block.mlp[2])
    model.output_projection = lambda h: int7_matmul(h, model.wte.weight.t())
    return model


@torch.no_grad()
def export_check(exported, fp32, examples):
    """Fixed inputs and PyTorch's logits computed as exported and in plain fp32. Each case is run
    whole and as prefix + rest (KV cache) by the test."""
    cases = []
    for e in examples:
        # The prompt's end and the target's start: positions with real copy hints.
        s = e['target_start']
        start = max(0, s - 40)
        ids = e['ids'][start:s + 8]
        hints = [[0] * HINT_WIDTH for _ in range(s - 1 - start)] + [e['hints'][k * HINT_WIDTH:(k + 1) * HINT_WIDTH] for k in range(9)]
        hints = hints[:len(ids)]
        prefix = len(ids) - 8
        rows = [prefix - 1, prefix, len(ids) - 1]
        def logits_of(model):
            logits, _ = model(torch.tensor([ids]), torch.tensor([hints]))
            return [[round(float(v), 5) for v in logits[0, r]] for r in rows]
        case = {'ids': ids, 'hints': [h for pair in hints for h in pair], 'prefix': prefix, 'rows': rows, 'logits': logits_of(exported)}
        if exported is not fp32:
            case['fp32_logits'] = logits_of(fp32)
        cases.append(case)
    return cases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ckpt', required=True)
    ap.add_argument('--weights', choices=['int7', 'fp32'], default='int7')
    ap.add_argument('--out', default=MODELS)
    ap.add_argument('--dev', default=os.path.join(HERE, 'data', 'dev.jsonl'))
    args = ap.parse_args()

    state = torch.load(args.ckpt, map_location='cpu')
    cfg = Config(**state['config'])
    # Design 1b (model.py) was trained for the equal-budget comparison only: the server's decoders feed
    # the copy hint and one cache pair per layer, and the pointer has no int7 or batch-invariant form yet.
    assert cfg.use_hint and not cfg.pointer and cfg.positions == 'learned', 'only design 1a (--design hint) has an ONNX export'
    def load_model():
        model = RepairModel(cfg)
        model.load_state_dict(state['model'])
        model.eval()
        model.hint_logit_bias = hint_logit_bias(state.get('loss'))  # undoes the edit weighting's bias (model.py)
        for block in model.blocks:  # model.py: bit-exact batch invariance in onnxruntime
            block.attn.batch_invariant = True
        return model
    model = load_model()
    vocab = json.load(open(os.path.join(MODELS, 'vocab.json')))
    assert len(vocab) == cfg.vocab_size, 'models/vocab.json does not match the checkpoint'

    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, 'repair.onnx')
    fp32_path = onnx_path + '.fp32.tmp'
    export_fp32(model, cfg, fp32_path)
    if args.weights == 'int7':
        n = quantize_int7(fp32_path, onnx_path)
        os.remove(fp32_path)
        print(f'quantised {n} MatMuls to int7')
    else:
        os.replace(fp32_path, onnx_path)

    card = {
        'onnx': 'repair.onnx', 'vocab': 'vocab.json',
        'vocab_sha256': hashlib.sha256('\n'.join(vocab).encode('utf-8')).hexdigest(),
        'n_layer': cfg.n_layer, 'n_head': cfg.n_head, 'head_dim': cfg.head_dim, 'd_model': cfg.d_model,
        'vocab_size': cfg.vocab_size, 'max_positions': cfg.max_positions, 'hint_width': cfg.hint_width, 'weights': args.weights,
        # Provenance (not part of the contract): what produced these weights.
        'training': {'loss': state.get('loss'), 'steps': state['step'], 'tokens_seen': state['tokens_seen'],
                     'minutes': round(state['elapsed'] / 60, 1), 'phases': state.get('phases'),
                     'hint_logit_bias': round(model.hint_logit_bias, 5)},
    }
    json.dump(card, open(os.path.join(args.out, 'model.json'), 'w'), indent=1)
    if os.path.abspath(args.out) != os.path.abspath(MODELS):
        shutil.copy(os.path.join(MODELS, 'vocab.json'), args.out)  # an export elsewhere loads on its own
    with open(args.dev) as f:
        examples = [json.loads(line) for _, line in zip(range(3), f)]
    exported = simulate_int7(load_model()) if args.weights == 'int7' else model
    check = {'weights': args.weights, 'cases': export_check(exported, model, examples)}
    json.dump(check, open(os.path.join(args.out, 'export_check.json'), 'w'))
    print(f'wrote {onnx_path} ({os.path.getsize(onnx_path) / 1e6:.1f} MB), model.json, export_check.json')


if __name__ == '__main__':
    main()
