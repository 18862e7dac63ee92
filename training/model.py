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

Design 1b of the model issue, the alternative compared at equal budget (models/model-card.md):
`positions='rotary'` rotates each head's queries and keys by their absolute position (relative
positions in attention, nothing learnt per position), `use_hint=False` ignores the copy hint, and
`pointer=True` adds a pointer-generator output: H pointer heads attend from the final hidden state
over every token seen so far, and the next token's probability is g * softmax(generated) +
(1 - g) * (attention mass on earlier occurrences of that token). The pointer's keys and the tokens it
points at ride in one more key/value pair of the cache (the value holds the token id), so the ONNX
contract's shape (new keys/values only) is kept.

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
    positions: str = 'learned'  # or 'rotary' (design 1b)
    use_hint: bool = True
    pointer: bool = False

    @property
    def cache_pairs(self) -> int:
        """Key/value pairs in the cache: one per layer, one more for the pointer."""
        return self.n_layer + (1 if self.pointer else 0)

    @property
    def head_dim(self) -> int:
        return self.d_model // self.n_head

    def to_dict(self):
        return asdict(self)


def rotate(x, positions):
    """Rotary position embedding of x [B,T,H,D] at absolute positions [T] (pairs of channels as complex numbers)."""
    half = x.shape[-1] // 2
    inv_freq = 1.0 / (10000.0 ** (torch.arange(half, device=x.device, dtype=torch.float32) / half))
    angles = positions.to(torch.float32)[:, None] * inv_freq[None, :]  # [T, half]
    cos, sin = angles.cos()[None, :, None, :], angles.sin()[None, :, None, :]
    a, b = x[..., :half], x[..., half:]
    return torch.cat([a * cos - b * sin, a * sin + b * cos], dim=-1)


class Attention(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.n_head, self.head_dim = cfg.n_head, cfg.head_dim
        self.rotary = cfg.positions == 'rotary'
        self.qkv = nn.Linear(cfg.d_model, 3 * cfg.d_model)
        self.proj = nn.Linear(cfg.d_model, cfg.d_model)
        self.dropout = cfg.dropout
        self.batch_invariant = False  # set by the ONNX export (export_onnx.py); training does not need it

    def forward(self, x, past_k, past_v, mask, positions):
        # x [B,T,C]; past_k/past_v [B,P,H,D] (the contract's layout); mask [T,P+T] bool, True = may attend.
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=2)
        q = q.view(B, T, self.n_head, self.head_dim)
        k = k.view(B, T, self.n_head, self.head_dim)
        v = v.view(B, T, self.n_head, self.head_dim)
        if self.rotary:  # keys are cached rotated: a key's rotation depends on its own position only
            q, k = rotate(q, positions), rotate(k, positions)
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

    def forward(self, x, past_k, past_v, mask, positions):
        a, k, v = self.attn(self.ln1(x), past_k, past_v, mask, positions)
        x = x + self.dropout(a)
        x = x + self.dropout(self.mlp(self.ln2(x)))
        return x, k, v


class Pointer(nn.Module):
    """The pointer half of a pointer-generator (design 1b): where to copy from, and how much to copy."""

    def __init__(self, cfg: Config):
        super().__init__()
        self.n_head, self.head_dim = cfg.n_head, cfg.head_dim
        self.query = nn.Linear(cfg.d_model, cfg.d_model)
        self.key = nn.Linear(cfg.d_model, cfg.d_model)
        self.gate = nn.Linear(cfg.d_model, 1)

    def forward(self, h, input_ids, past_k, past_ids, mask, vocab_size):
        """h [B,T,C] final hidden states; past_k [B,P,H,D]; past_ids [B,P,H,D] (the token id, as a float,
        in every channel). Returns the copy distribution [B,T,V], the gate [B,T,1] and the new cache pair."""
        B, T, C = h.shape
        q = self.query(h).view(B, T, self.n_head, self.head_dim).transpose(1, 2)
        k = self.key(h).view(B, T, self.n_head, self.head_dim)
        ids = input_ids.to(h.dtype)[:, :, None, None].expand(B, T, self.n_head, self.head_dim)
        keys = torch.cat([past_k, k], dim=1).transpose(1, 2)  # [B,H,P+T,D]
        scores = (q @ keys.transpose(-2, -1)) * (1.0 / math.sqrt(self.head_dim))
        att = F.softmax(scores.masked_fill(~mask, float('-inf')), dim=-1).mean(dim=1)  # [B,T,P+T]
        seen = torch.cat([past_ids[:, :, 0, 0], ids[:, :, 0, 0]], dim=1).round().long()  # [B,P+T]
        copy = att @ F.one_hot(seen, vocab_size).to(h.dtype)  # [B,T,V]
        return copy, torch.sigmoid(self.gate(h)), (k, ids)


class RepairModel(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        self.wte = nn.Embedding(cfg.vocab_size, cfg.d_model)
        if cfg.positions == 'learned':
            self.wpe = nn.Embedding(cfg.max_positions, cfg.d_model)
        if cfg.use_hint:
            self.hint_proj = nn.Linear(cfg.hint_width * cfg.d_model, cfg.d_model)
        self.pointer = Pointer(cfg) if cfg.pointer else None
        self.blocks = nn.ModuleList([Block(cfg) for _ in range(cfg.n_layer)])
        self.ln_f = nn.LayerNorm(cfg.d_model)
        self.hint_logit_bias = 0.0  # set for serving (export_onnx.py) and as-served dev figures; 0 in training
        self.apply(self._init)
        for name, p in self.named_parameters():  # GPT-2's scaled init of residual projections
            if name.endswith('proj.weight') or name.endswith('mlp.2.weight'):
                nn.init.normal_(p, 0.0, 0.02 / math.sqrt(2 * cfg.n_layer))
        if cfg.use_hint:
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
        """input_ids [B,T]; hint_ids [B,T,hint_width]; past: list of (key, value) [B,P,H,D] per cache
        pair (cfg.cache_pairs) or None. Returns logits [B,T,V] (log-probabilities with a pointer) and
        the new (key, value) [B,T,H,D] per cache pair."""
        B, T = input_ids.shape
        cfg = self.cfg
        if past is None:
            empty = torch.zeros(B, 0, cfg.n_head, cfg.head_dim, dtype=self.wte.weight.dtype, device=input_ids.device)
            past = [(empty, empty)] * cfg.cache_pairs
        P = past[0][0].shape[1]
        positions = torch.arange(T, device=input_ids.device) + P
        x = self.wte(input_ids)
        if cfg.positions == 'learned':
            x = x + self.wpe(positions)[None]
        if cfg.use_hint:
            x = x + self.hint_proj(self.wte(hint_ids).reshape(B, T, cfg.hint_width * cfg.d_model))
        # Query t (absolute P+t) may attend to key j when j <= P+t.
        mask = torch.arange(P + T, device=input_ids.device)[None, :] <= positions[:, None]
        presents = []
        for block, (pk, pv) in zip(self.blocks, past):
            x, k, v = block(x, pk, pv, mask, positions)
            presents.append((k, v))
        h = self.ln_f(x)
        logits = self.output_projection(h)
        if self.pointer is not None:
            copy, gate, pair = self.pointer(h, input_ids, past[-1][0], past[-1][1], mask, cfg.vocab_size)
            presents.append(pair)
            logits = torch.log(gate * F.softmax(logits, dim=-1) + (1 - gate) * copy + 1e-9)
        if self.hint_logit_bias:
            first_hint = hint_ids[:, :, :1]  # <pad> (id 0) is no hint: nothing is added there
            is_hint = (torch.arange(cfg.vocab_size, device=input_ids.device) == first_hint) & (first_hint != 0)
            logits = logits + self.hint_logit_bias * is_hint.to(logits.dtype)
        return logits, presents

    def output_projection(self, h):
        """Logits from the final hidden states (tied embeddings); export_onnx.py's int7 simulation replaces it."""
        return h @ self.wte.weight.t()
