// The contract between the trainer's ONNX export (training/) and the decoder (server/src/model/).
// Both sides follow these names and shapes; models/model.json describes one exported model.
//
// Graph inputs:
//   input_ids          int64   [1, T]           the new tokens (T >= 1)
//   hint_ids           int64   [1, T, W]        each new token's copy hint: the W program tokens the
//                                               copy aligner expects next (copyAligner.ts; <pad> in
//                                               the prompt but at its last token), W = HINT_WIDTH
//   past_key_{i}       float32 [1, P, H, D]     keys of the P tokens already seen, layer i (P may be 0)
//   past_value_{i}     float32 [1, P, H, D]
// Graph outputs:
//   logits             float32 [1, T, V]
//   present_key_{i}    float32 [1, T, H, D]     keys of the T NEW tokens only, layer i
//   present_value_{i}  float32 [1, T, H, D]
// Positions are P + t (computed inside the graph); attention is causal over past + new tokens.
// Returning only the new rows lets the decoder keep each layer's cache in one preallocated buffer:
// appending is a copy of T rows, rolling back a rejected draft is a change of P.

/**
 * Longest prompt + output the model is trained for: training/build_dataset.ts keeps sequences up to
 * it and writes it to the data summary, from which training/train.py sizes the model's positions.
 * A model's own figure is its model.json's `max_positions`.
 */
export const TRAINED_POSITIONS = 1024;

export interface ModelCard {
  /** ONNX file, relative to model.json. */
  onnx: string;
  /** Vocabulary file (a JSON array of token strings), relative to model.json. */
  vocab: string;
  /** sha256 of the vocabulary file's token list joined by '\n'; must match the server's vocabulary. */
  vocab_sha256: string;
  n_layer: number;
  n_head: number;
  head_dim: number;
  d_model: number;
  vocab_size: number;
  /** Longest prompt + output the model was trained for (positions beyond it are not allowed). */
  max_positions: number;
  /** 'fp32', 'int8' or 'int7' (int8 storage, 7-bit range for CPUs without VNNI). */
  weights: string;
}

export const inputNames = (nLayer: number): string[] => [
  'input_ids',
  'hint_ids',
  ...Array.from({ length: nLayer }, (_, i) => [`past_key_${i}`, `past_value_${i}`]).flat(),
];

export const outputNames = (nLayer: number): string[] => [
  'logits',
  ...Array.from({ length: nLayer }, (_, i) => [`present_key_${i}`, `present_value_${i}`]).flat(),
];
