"""A small decoder-only transformer for whole-program repair (nanoGPT style).

Pre-LN blocks, learned absolute positions, tied input/output embeddings. forward() takes the new
tokens, their copy hints and each layer's past keys/values and returns logits and the NEW
keys/values only, which is exactly the ONNX contract (server/src/model/contract.ts): positions are
P + t, computed from the past's length inside the graph, and attention is causal over past + new
tokens.

Copy hint: every position also reads the HINT_WIDTH program tokens that the copy aligner
(server/src/model/copyAligner.ts) says come next if the output goes on copying (<pad> in the
prompt). They enter through the tied token embeddings and one linear map initialised to pass the
first hint straight through, so that "write the hint" is where training starts and the budget goes
into the edits.

Edit weight: --loss hinted counts a target token that the first copy hint gets wrong (an edit)
EDIT_WEIGHT times. A weighted cross-entropy is minimised by q(y) proportional to w(y) p(y), so the
trained model overstates every edit's odds against copying by EDIT_WEIGHT and rewrites too much.
Served logits add ln(EDIT_WEIGHT) to the first hint's logit (hint_logit_bias), which undoes that
exactly: the greedy output then follows the calibrated p(y).
"""
import math
from dataclasses import dataclass, asdict

import torch
import torch.nn as nn
import torch.nn.functional as F

EDIT_WEIGHT = 5.0


def hint_logit_bias(loss: str) -> float:
    """What the served model adds to the first hint's logit, for a checkpoint last trained with `loss`."""
    return math.log(EDIT_WEIGHT) if loss == 'hinted' else 0.0


@dataclass
class Config:
    vocab_size: int = 1357
    n_layer: int = 4
    n_head: int = 4
    d_model: int = 256
    max_positions: int = 1024
    dropout: float = 0.0
    hint_width: int = 2

    @property
    def head_dim(self) -> int:
        return self.d_model // self.n_head

    def to_dict(self):
        return asdict(self)


class Attention(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.n_head, self.head_dim = cfg.n_head, cfg.head_dim
        self.qkv = nn.Linear(cfg.d_model, 3 * cfg.d_model)
        self.proj = nn.Linear(cfg.d_model, cfg.d_model)
        self.dropout = cfg.dropout
        self.batch_invariant = False  # set by the ONNX export (export_onnx.py); training does not need it

    def forward(self, x, past_k, past_v, mask):
        # x [B,T,C]; past_k/past_v [B,P,H,D] (the contract's layout); mask [T,P+T] bool, True = may attend.
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=2)
        q = q.view(B, T, self.n_head, self.head_dim)
        k = k.view(B, T, self.n_head, self.head_dim)
        v = v.view(B, T, self.n_head, self.head_dim)
        keys = torch.cat([past_k, k], dim=1).transpose(1, 2)  # [B,H,P+T,D]
        values = torch.cat([past_v, v], dim=1).transpose(1, 2)
        q = q.transpose(1, 2)
        if self.batch_invariant:
            # One extra, discarded query row: onnxruntime's CPU MatMul rounds a one-row product (T = 1)
            # differently from M >= 2 rows, and the speculative decoder needs a token's logits to be
            # the same bits whether it is fed alone or inside a verified draft.
            q = torch.cat([q, q[:, :, -1:]], dim=2)
            mask = torch.cat([mask, mask[-1:]], dim=0)
        scores = (q @ keys.transpose(-2, -1)) * (1.0 / math.sqrt(self.head_dim))
        scores = scores.masked_fill(~mask, float('-inf'))
        att = F.dropout(F.softmax(scores, dim=-1), self.dropout, self.training)
        y = (att @ values)[:, :, :T].transpose(1, 2).reshape(B, T, C)
        return self.proj(y), k, v


class Block(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.ln1 = nn.LayerNorm(cfg.d_model)
        self.attn = Attention(cfg)
        self.ln2 = nn.LayerNorm(cfg.d_model)
        self.mlp = nn.Sequential(nn.Linear(cfg.d_model, 4 * cfg.d_model), nn.GELU(), nn.Linear(4 * cfg.d_model, cfg.d_model))
        self.dropout = nn.Dropout(cfg.dropout)

    def forward(self, x, past_k, past_v, mask):
        a, k, v = self.attn(self.ln1(x), past_k, past_v, mask)
        x = x + self.dropout(a)
        x = x + self.dropout(self.mlp(self.ln2(x)))
        return x, k, v


class RepairModel(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        self.wte = nn.Embedding(cfg.vocab_size, cfg.d_model)
        self.wpe = nn.Embedding(cfg.max_positions, cfg.d_model)
        self.hint_proj = nn.Linear(cfg.hint_width * cfg.d_model, cfg.d_model)
        self.blocks = nn.ModuleList([Block(cfg) for _ in range(cfg.n_layer)])
        self.ln_f = nn.LayerNorm(cfg.d_model)
        self.hint_logit_bias = 0.0  # set for serving (export_onnx.py) and as-served dev figures; 0 in training
        self.apply(self._init)
        for name, p in self.named_parameters():  # GPT-2's scaled init of residual projections
            if name.endswith('proj.weight') or name.endswith('mlp.2.weight'):
                nn.init.normal_(p, 0.0, 0.02 / math.sqrt(2 * cfg.n_layer))
        with torch.no_grad():  # start by passing the first hinted token through: copying from step 0
            self.hint_proj.weight.zero_()
            self.hint_proj.weight[:, :cfg.d_model] = torch.eye(cfg.d_model)

    @staticmethod
    def _init(m):
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, 0.0, 0.02)
            nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Embedding):
            nn.init.normal_(m.weight, 0.0, 0.02)

    def num_params(self) -> int:
        return sum(p.numel() for p in self.parameters())

    def forward(self, input_ids, hint_ids, past=None):
        """input_ids [B,T]; hint_ids [B,T,hint_width]; past: list of (key, value) [B,P,H,D] per layer
        or None. Returns logits [B,T,V] and the new (key, value) [B,T,H,D] per layer."""
        B, T = input_ids.shape
        cfg = self.cfg
        if past is None:
            empty = torch.zeros(B, 0, cfg.n_head, cfg.head_dim, dtype=self.wte.weight.dtype, device=input_ids.device)
            past = [(empty, empty)] * cfg.n_layer
        P = past[0][0].shape[1]
        positions = torch.arange(T, device=input_ids.device) + P
        hints = self.wte(hint_ids).reshape(B, T, cfg.hint_width * cfg.d_model)
        x = self.wte(input_ids) + self.wpe(positions)[None] + self.hint_proj(hints)
        # Query t (absolute P+t) may attend to key j when j <= P+t.
        mask = torch.arange(P + T, device=input_ids.device)[None, :] <= positions[:, None]
        presents = []
        for block, (pk, pv) in zip(self.blocks, past):
            x, k, v = block(x, pk, pv, mask)
            presents.append((k, v))
        logits = self.output_projection(self.ln_f(x))
        if self.hint_logit_bias:
            first_hint = hint_ids[:, :, :1]  # <pad> (id 0) is no hint: nothing is added there
            is_hint = (torch.arange(cfg.vocab_size, device=input_ids.device) == first_hint) & (first_hint != 0)
            logits = logits + self.hint_logit_bias * is_hint.to(logits.dtype)
        return logits, presents

    def output_projection(self, h):
        """Logits from the final hidden states (tied embeddings); export_onnx.py's int7 simulation replaces it."""
        return h @ self.wte.weight.t()
