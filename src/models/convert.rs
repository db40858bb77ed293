//! CTranslate2 whisper to whisper.cpp ggml. No ggml whisper model is in any registry we can reach,
//! but a CTranslate2 one is; the two hold the same weights under other names, with CTranslate2
//! fusing q/k/v (self-attention) and k/v (cross-attention) into one matrix and storing a key bias
//! of zeros that whisper does not have. Layout written is what `whisper_model_load` reads.

use std::io::Write;

use super::ct2::{Ct2Error, Ct2Model};
use super::ggml::{tensor_names, Hparams, GGML_MAGIC};

/// Mel filter bank as whisper.cpp stores it: `n_mel` rows of `n_fft` weights.
#[derive(Debug, Clone)]
pub struct MelFilters {
    pub n_mel: usize,
    pub n_fft: usize,
    pub data: Vec<f32>,
}

/// Why a conversion failed.
#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    #[error(transparent)]
    Ct2(#[from] Ct2Error),
    #[error("mel filters have {got} rows, the model wants {want}")]
    MelMismatch { got: usize, want: usize },
    #[error("vocabulary has {got} tokens, more than the model's {want}")]
    VocabMismatch { got: usize, want: usize },
    #[error("`{name}` has rows of {row} values, which {quant} cannot split into blocks of 32")]
    QuantShape {
        name: String,
        row: usize,
        quant: Quant,
    },
    #[error("writing the ggml file: {0}")]
    Io(#[from] std::io::Error),
}

/// How the weight matrices are stored. The 1-D tensors, conv biases and positional embeddings
/// stay f32 and the conv kernels f16 whatever is chosen, as in whisper.cpp's `quantize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Quant {
    #[default]
    F16,
    Q8_0,
    Q5_1,
}

/// ggml's `GGML_QNT_VERSION * GGML_QNT_VERSION_FACTOR`, added to a quantised file's ftype.
const QNT_VERSION_OFFSET: i32 = 2 * 1000;
/// Values per quantisation block (`QK8_0`, `QK5_1`).
const QK: usize = 32;

impl Quant {
    /// `q8_0`, `q5_1`, or `None` for f16 (the manifest's `quantize` key).
    ///
    /// # Errors
    /// The name, when it is none of these.
    pub fn parse(name: Option<&str>) -> Result<Quant, String> {
        match name {
            None | Some("f16") => Ok(Quant::F16),
            Some("q8_0") => Ok(Quant::Q8_0),
            Some("q5_1") => Ok(Quant::Q5_1),
            Some(other) => Err(format!("unknown quantisation `{other}` (f16, q8_0, q5_1)")),
        }
    }

    /// The file's ftype (`GGML_FTYPE_*`, plus the quantisation version when quantised).
    fn ftype(self) -> i32 {
        match self {
            Quant::F16 => 1,
            Quant::Q8_0 => 7 + QNT_VERSION_OFFSET,
            Quant::Q5_1 => 9 + QNT_VERSION_OFFSET,
        }
    }

    /// The tensor type (`GGML_TYPE_*`) of a weight matrix.
    fn ggml_type(self) -> i32 {
        match self {
            Quant::F16 => 1,
            Quant::Q8_0 => 8,
            Quant::Q5_1 => 7,
        }
    }
}

impl std::fmt::Display for Quant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Quant::F16 => "f16",
            Quant::Q8_0 => "q8_0",
            Quant::Q5_1 => "q5_1",
        })
    }
}

/// One tensor to write: whisper.cpp name, shape in PyTorch order, values.
struct Tensor {
    name: String,
    shape: Vec<usize>,
    values: Vec<f32>,
}

/// Converts a parsed CTranslate2 whisper model to ggml and writes it to `out`.
/// Returns the hyper-parameters written.
///
/// # Errors
/// A missing or misshapen variable, mel filters or vocabulary that do not fit the model, or a
/// write error.
pub fn write_ggml(
    model: &Ct2Model<'_>,
    mel: &MelFilters,
    vocab: &[Vec<u8>],
    quant: Quant,
    out: &mut impl Write,
) -> Result<Hparams, ConvertError> {
    let mut h = hparams(model)?;
    h.ftype = quant.ftype();
    if mel.n_mel != h.n_mels as usize || mel.data.len() != mel.n_mel * mel.n_fft {
        return Err(ConvertError::MelMismatch {
            got: mel.n_mel,
            want: h.n_mels as usize,
        });
    }
    if vocab.len() > h.n_vocab as usize {
        return Err(ConvertError::VocabMismatch {
            got: vocab.len(),
            want: h.n_vocab as usize,
        });
    }
    out.write_all(&GGML_MAGIC.to_le_bytes())?;
    for v in h.to_array() {
        out.write_all(&v.to_le_bytes())?;
    }
    out.write_all(&(mel.n_mel as i32).to_le_bytes())?;
    out.write_all(&(mel.n_fft as i32).to_le_bytes())?;
    for v in &mel.data {
        out.write_all(&v.to_le_bytes())?;
    }
    out.write_all(&(vocab.len() as i32).to_le_bytes())?;
    for token in vocab {
        out.write_all(&(token.len() as i32).to_le_bytes())?;
        out.write_all(token)?;
    }
    let tensors = tensors(model, &h)?;
    debug_assert_eq!(
        tensors.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        tensor_names(&h)
    );
    for t in &tensors {
        write_tensor(out, t, quant)?;
    }
    out.flush()?;
    Ok(h)
}

fn hparams(m: &Ct2Model<'_>) -> Result<Hparams, ConvertError> {
    let emb = shape(m, "decoder/embeddings/weight", 2)?;
    let enc_pos = shape(m, "encoder/position_encodings/encodings", 2)?;
    let dec_pos = shape(m, "decoder/position_encodings/encodings", 2)?;
    let conv1 = shape(m, "encoder/conv1/weight", 3)?;
    let heads = |name: &str| -> Result<i32, ConvertError> {
        m.get(name)?
            .scalar_int()
            .map(|v| v as i32)
            .ok_or_else(|| ConvertError::Ct2(Ct2Error::Missing(format!("{name} (an integer)"))))
    };
    Ok(Hparams {
        n_vocab: emb[0] as i32,
        n_audio_ctx: enc_pos[0] as i32,
        n_audio_state: enc_pos[1] as i32,
        n_audio_head: heads("encoder/num_heads")?,
        n_audio_layer: m.count_layers("encoder") as i32,
        n_text_ctx: dec_pos[0] as i32,
        n_text_state: dec_pos[1] as i32,
        n_text_head: heads("decoder/num_heads")?,
        n_text_layer: m.count_layers("decoder") as i32,
        n_mels: conv1[1] as i32,
        ftype: 1,
    })
}

fn shape(m: &Ct2Model<'_>, name: &str, rank: usize) -> Result<Vec<usize>, Ct2Error> {
    let v = m.get(name)?;
    if v.dims.len() != rank {
        return Err(Ct2Error::Shape {
            name: name.to_string(),
            dims: v.dims.clone(),
            expected: format!("rank {rank}"),
        });
    }
    Ok(v.dims.clone())
}

/// Reads `name` and checks its shape.
fn var(m: &Ct2Model<'_>, name: &str, want: &[usize]) -> Result<Vec<f32>, Ct2Error> {
    let v = m.get(name)?;
    if v.dims != want {
        return Err(Ct2Error::Shape {
            name: name.to_string(),
            dims: v.dims.clone(),
            expected: format!("{want:?}"),
        });
    }
    v.to_f32(name)
}

fn tensors(m: &Ct2Model<'_>, h: &Hparams) -> Result<Vec<Tensor>, Ct2Error> {
    let a = h.n_audio_state as usize;
    let t = h.n_text_state as usize;
    let mut out = Vec::new();
    let mut push = |name: String, shape: Vec<usize>, values: Vec<f32>| {
        out.push(Tensor {
            name,
            shape,
            values,
        })
    };
    push(
        "encoder.positional_embedding".into(),
        vec![h.n_audio_ctx as usize, a],
        var(
            m,
            "encoder/position_encodings/encodings",
            &[h.n_audio_ctx as usize, a],
        )?,
    );
    let mels = h.n_mels as usize;
    for (i, inp) in [(1, mels), (2, a)] {
        push(
            format!("encoder.conv{i}.weight"),
            vec![a, inp, 3],
            var(m, &format!("encoder/conv{i}/weight"), &[a, inp, 3])?,
        );
        // whisper.cpp wants conv biases as [n, 1] so they broadcast over time.
        push(
            format!("encoder.conv{i}.bias"),
            vec![a, 1],
            var(m, &format!("encoder/conv{i}/bias"), &[a])?,
        );
    }
    for i in 0..h.n_audio_layer {
        let src = format!("encoder/layer_{i}");
        let dst = format!("encoder.blocks.{i}");
        for t in self_attention(m, &src, &dst, a)? {
            push(t.name, t.shape, t.values);
        }
        for t in mlp(m, &src, &dst, a)? {
            push(t.name, t.shape, t.values);
        }
    }
    push(
        "encoder.ln_post.weight".into(),
        vec![a],
        var(m, "encoder/layer_norm/gamma", &[a])?,
    );
    push(
        "encoder.ln_post.bias".into(),
        vec![a],
        var(m, "encoder/layer_norm/beta", &[a])?,
    );
    push(
        "decoder.positional_embedding".into(),
        vec![h.n_text_ctx as usize, t],
        var(
            m,
            "decoder/position_encodings/encodings",
            &[h.n_text_ctx as usize, t],
        )?,
    );
    push(
        "decoder.token_embedding.weight".into(),
        vec![h.n_vocab as usize, t],
        var(m, "decoder/embeddings/weight", &[h.n_vocab as usize, t])?,
    );
    for i in 0..h.n_text_layer {
        let src = format!("decoder/layer_{i}");
        let dst = format!("decoder.blocks.{i}");
        for t in self_attention(m, &src, &dst, t)? {
            push(t.name, t.shape, t.values);
        }
        for t in cross_attention(m, &src, &dst, t)? {
            push(t.name, t.shape, t.values);
        }
        for t in mlp(m, &src, &dst, t)? {
            push(t.name, t.shape, t.values);
        }
    }
    push(
        "decoder.ln.weight".into(),
        vec![t],
        var(m, "decoder/layer_norm/gamma", &[t])?,
    );
    push(
        "decoder.ln.bias".into(),
        vec![t],
        var(m, "decoder/layer_norm/beta", &[t])?,
    );
    Ok(out)
}

fn tensor(name: String, shape: Vec<usize>, values: Vec<f32>) -> Tensor {
    Tensor {
        name,
        shape,
        values,
    }
}

fn layer_norm(m: &Ct2Model<'_>, src: &str, dst: &str, n: usize) -> Result<[Tensor; 2], Ct2Error> {
    Ok([
        tensor(
            format!("{dst}.weight"),
            vec![n],
            var(m, &format!("{src}/layer_norm/gamma"), &[n])?,
        ),
        tensor(
            format!("{dst}.bias"),
            vec![n],
            var(m, &format!("{src}/layer_norm/beta"), &[n])?,
        ),
    ])
}

fn linear(m: &Ct2Model<'_>, src: &str, dst: &str, n: usize) -> Result<[Tensor; 2], Ct2Error> {
    let w = m.get(&format!("{src}/weight"))?;
    let rows = w.dims.first().copied().unwrap_or(0);
    Ok([
        tensor(
            format!("{dst}.weight"),
            vec![rows, n],
            var(m, &format!("{src}/weight"), &[rows, n])?,
        ),
        tensor(
            format!("{dst}.bias"),
            vec![rows],
            var(m, &format!("{src}/bias"), &[rows])?,
        ),
    ])
}

/// Splits a fused projection of `parts` stacked `n x n` matrices (rows first) into its parts.
fn split_rows(values: Vec<f32>, parts: usize, n: usize) -> Vec<Vec<f32>> {
    let per = values.len() / parts;
    debug_assert_eq!(per % n, 0);
    values.chunks(per).map(<[f32]>::to_vec).collect()
}

fn self_attention(
    m: &Ct2Model<'_>,
    layer: &str,
    dst: &str,
    n: usize,
) -> Result<Vec<Tensor>, Ct2Error> {
    let src = format!("{layer}/self_attention");
    let [ln_w, ln_b] = layer_norm(m, &src, &format!("{dst}.attn_ln"), n)?;
    let w = split_rows(
        var(m, &format!("{src}/linear_0/weight"), &[3 * n, n])?,
        3,
        n,
    );
    let b = split_rows(var(m, &format!("{src}/linear_0/bias"), &[3 * n])?, 3, 1);
    let [out_w, out_b] = linear(m, &format!("{src}/linear_1"), &format!("{dst}.attn.out"), n)?;
    let [wq, wk, wv]: [Vec<f32>; 3] = w.try_into().map_err(|_| Ct2Error::Missing(src.clone()))?;
    let [bq, _zero_key_bias, bv]: [Vec<f32>; 3] =
        b.try_into().map_err(|_| Ct2Error::Missing(src.clone()))?;
    Ok(vec![
        ln_w,
        ln_b,
        tensor(format!("{dst}.attn.query.weight"), vec![n, n], wq),
        tensor(format!("{dst}.attn.query.bias"), vec![n], bq),
        tensor(format!("{dst}.attn.key.weight"), vec![n, n], wk),
        tensor(format!("{dst}.attn.value.weight"), vec![n, n], wv),
        tensor(format!("{dst}.attn.value.bias"), vec![n], bv),
        out_w,
        out_b,
    ])
}

fn cross_attention(
    m: &Ct2Model<'_>,
    layer: &str,
    dst: &str,
    n: usize,
) -> Result<Vec<Tensor>, Ct2Error> {
    let src = format!("{layer}/attention");
    let [ln_w, ln_b] = layer_norm(m, &src, &format!("{dst}.cross_attn_ln"), n)?;
    let [q_w, q_b] = linear(
        m,
        &format!("{src}/linear_0"),
        &format!("{dst}.cross_attn.query"),
        n,
    )?;
    let w = split_rows(
        var(m, &format!("{src}/linear_1/weight"), &[2 * n, n])?,
        2,
        n,
    );
    let b = split_rows(var(m, &format!("{src}/linear_1/bias"), &[2 * n])?, 2, 1);
    let [out_w, out_b] = linear(
        m,
        &format!("{src}/linear_2"),
        &format!("{dst}.cross_attn.out"),
        n,
    )?;
    let [wk, wv]: [Vec<f32>; 2] = w.try_into().map_err(|_| Ct2Error::Missing(src.clone()))?;
    let [_zero_key_bias, bv]: [Vec<f32>; 2] =
        b.try_into().map_err(|_| Ct2Error::Missing(src.clone()))?;
    Ok(vec![
        ln_w,
        ln_b,
        q_w,
        q_b,
        tensor(format!("{dst}.cross_attn.key.weight"), vec![n, n], wk),
        tensor(format!("{dst}.cross_attn.value.weight"), vec![n, n], wv),
        tensor(format!("{dst}.cross_attn.value.bias"), vec![n], bv),
        out_w,
        out_b,
    ])
}

fn mlp(m: &Ct2Model<'_>, layer: &str, dst: &str, n: usize) -> Result<Vec<Tensor>, Ct2Error> {
    let src = format!("{layer}/ffn");
    let [ln_w, ln_b] = layer_norm(m, &src, &format!("{dst}.mlp_ln"), n)?;
    let hidden = m
        .get(&format!("{src}/linear_0/weight"))?
        .dims
        .first()
        .copied()
        .unwrap_or(0);
    let [w0, b0] = linear(m, &format!("{src}/linear_0"), &format!("{dst}.mlp.0"), n)?;
    let [w2, b2] = linear(
        m,
        &format!("{src}/linear_1"),
        &format!("{dst}.mlp.2"),
        hidden,
    )?;
    Ok(vec![ln_w, ln_b, w0, b0, w2, b2])
}

/// f32 for 1-D tensors, conv biases and both positional embeddings (as whisper.cpp's own
/// converter does); the other matrices in `quant`; the conv kernels (3-D) f16.
fn write_tensor(out: &mut impl Write, t: &Tensor, quant: Quant) -> Result<(), ConvertError> {
    let f32_tensor = t.shape.len() < 2
        || t.name.ends_with("conv1.bias")
        || t.name.ends_with("conv2.bias")
        || t.name.ends_with("positional_embedding");
    let quant = if f32_tensor || t.shape.len() != 2 {
        Quant::F16
    } else {
        quant
    };
    let row = t.shape.last().copied().unwrap_or(0);
    if quant != Quant::F16 && row % QK != 0 {
        return Err(ConvertError::QuantShape {
            name: t.name.clone(),
            row,
            quant,
        });
    }
    let ttype = if f32_tensor { 0 } else { quant.ggml_type() };
    out.write_all(&(t.shape.len() as i32).to_le_bytes())?;
    out.write_all(&(t.name.len() as i32).to_le_bytes())?;
    out.write_all(&ttype.to_le_bytes())?;
    for d in t.shape.iter().rev() {
        out.write_all(&(*d as i32).to_le_bytes())?;
    }
    out.write_all(t.name.as_bytes())?;
    let mut buf = Vec::with_capacity(t.values.len() * 4);
    match (f32_tensor, quant) {
        (true, _) => t
            .values
            .iter()
            .for_each(|v| buf.extend_from_slice(&v.to_le_bytes())),
        (false, Quant::F16) => t
            .values
            .iter()
            .for_each(|v| buf.extend_from_slice(&half::f16::from_f32(*v).to_le_bytes())),
        (false, Quant::Q8_0) => t.values.chunks(QK).for_each(|b| quantize_q8_0(b, &mut buf)),
        (false, Quant::Q5_1) => t.values.chunks(QK).for_each(|b| quantize_q5_1(b, &mut buf)),
    }
    out.write_all(&buf)?;
    Ok(())
}

/// ggml's `block_q8_0` (`quantize_row_q8_0_ref`): an f16 scale, then 32 signed bytes.
fn quantize_q8_0(block: &[f32], out: &mut Vec<u8>) {
    let amax = block.iter().fold(0.0f32, |m, v| m.max(v.abs()));
    let d = amax / 127.0;
    let id = if d != 0.0 { 1.0 / d } else { 0.0 };
    out.extend_from_slice(&half::f16::from_f32(d).to_le_bytes());
    out.extend(block.iter().map(|v| (v * id).round() as i8 as u8));
}

/// ggml's `block_q5_1` (`quantize_row_q5_1_ref`): f16 scale and minimum, the fifth bits of the
/// 32 values packed in 4 bytes, then their low four bits two to a byte (value j with j + 16).
fn quantize_q5_1(block: &[f32], out: &mut Vec<u8>) {
    let min = block.iter().copied().fold(f32::INFINITY, f32::min);
    let max = block.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let d = (max - min) / 31.0;
    let id = if d != 0.0 { 1.0 / d } else { 0.0 };
    out.extend_from_slice(&half::f16::from_f32(d).to_le_bytes());
    out.extend_from_slice(&half::f16::from_f32(min).to_le_bytes());
    let q = |v: f32| ((v - min) * id + 0.5) as u8;
    let half = QK / 2;
    let mut qh = 0u32;
    let mut qs = [0u8; QK / 2];
    for j in 0..half {
        let (x0, x1) = (q(block[j]), q(block[j + half]));
        qs[j] = (x0 & 0x0f) | ((x1 & 0x0f) << 4);
        qh |= u32::from((x0 & 0x10) >> 4) << j;
        qh |= u32::from((x1 & 0x10) >> 4) << (j + half);
    }
    out.extend_from_slice(&qh.to_le_bytes());
    out.extend_from_slice(&qs);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::models::ct2::Ct2Writer;
    use crate::models::ggml::verify_ggml;

    /// A whole whisper model in miniature: state 4, 2 heads, 1 layer each side, 6 tokens.
    pub(crate) fn tiny_ct2() -> Vec<u8> {
        let (n, ctx_a, ctx_t, vocab, mels) = (4usize, 3usize, 5usize, 6usize, 2usize);
        let ramp = |len: usize| (0..len).map(|i| i as f32 * 0.25).collect::<Vec<_>>();
        let mut w = Ct2Writer::default();
        w.i16_scalar("encoder/num_heads", 2)
            .i16_scalar("decoder/num_heads", 2)
            .f16("encoder/conv1/weight", &[n, mels, 3], &ramp(n * mels * 3))
            .f16("encoder/conv1/bias", &[n], &ramp(n))
            .f16("encoder/conv2/weight", &[n, n, 3], &ramp(n * n * 3))
            .f16("encoder/conv2/bias", &[n], &ramp(n))
            .f16(
                "encoder/position_encodings/encodings",
                &[ctx_a, n],
                &ramp(ctx_a * n),
            )
            .f16("encoder/layer_norm/gamma", &[n], &ramp(n))
            .f16("encoder/layer_norm/beta", &[n], &ramp(n))
            .f16("decoder/embeddings/weight", &[vocab, n], &ramp(vocab * n))
            .f16(
                "decoder/position_encodings/encodings",
                &[ctx_t, n],
                &ramp(ctx_t * n),
            )
            .f16("decoder/layer_norm/gamma", &[n], &ramp(n))
            .f16("decoder/layer_norm/beta", &[n], &ramp(n))
            .alias("decoder/projection/weight", "decoder/embeddings/weight");
        for side in ["encoder", "decoder"] {
            let l = format!("{side}/layer_0");
            for ln in ["self_attention", "ffn"] {
                w.f16(&format!("{l}/{ln}/layer_norm/gamma"), &[n], &ramp(n));
                w.f16(&format!("{l}/{ln}/layer_norm/beta"), &[n], &ramp(n));
            }
            // q rows 0..4 = 1.0, k rows = 2.0, v rows = 3.0: the split must keep them apart.
            let qkv: Vec<f32> = (0..3 * n * n).map(|i| (i / (n * n) + 1) as f32).collect();
            w.f16(
                &format!("{l}/self_attention/linear_0/weight"),
                &[3 * n, n],
                &qkv,
            );
            w.f16(
                &format!("{l}/self_attention/linear_0/bias"),
                &[3 * n],
                &[1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 3.0, 3.0, 3.0, 3.0],
            );
            w.f16(
                &format!("{l}/self_attention/linear_1/weight"),
                &[n, n],
                &ramp(n * n),
            );
            w.f16(&format!("{l}/self_attention/linear_1/bias"), &[n], &ramp(n));
            w.f16(
                &format!("{l}/ffn/linear_0/weight"),
                &[4 * n, n],
                &ramp(4 * n * n),
            );
            w.f16(&format!("{l}/ffn/linear_0/bias"), &[4 * n], &ramp(4 * n));
            w.f16(
                &format!("{l}/ffn/linear_1/weight"),
                &[n, 4 * n],
                &ramp(4 * n * n),
            );
            w.f16(&format!("{l}/ffn/linear_1/bias"), &[n], &ramp(n));
        }
        let l = "decoder/layer_0/attention";
        w.f16(&format!("{l}/layer_norm/gamma"), &[n], &ramp(n));
        w.f16(&format!("{l}/layer_norm/beta"), &[n], &ramp(n));
        w.f16(&format!("{l}/linear_0/weight"), &[n, n], &ramp(n * n));
        w.f16(&format!("{l}/linear_0/bias"), &[n], &ramp(n));
        let kv: Vec<f32> = (0..2 * n * n).map(|i| (i / (n * n) + 5) as f32).collect();
        w.f16(&format!("{l}/linear_1/weight"), &[2 * n, n], &kv);
        w.f16(
            &format!("{l}/linear_1/bias"),
            &[2 * n],
            &[0., 0., 0., 0., 6., 6., 6., 6.],
        );
        w.f16(&format!("{l}/linear_2/weight"), &[n, n], &ramp(n * n));
        w.f16(&format!("{l}/linear_2/bias"), &[n], &ramp(n));
        w.to_bytes()
    }

    fn tiny_mel() -> MelFilters {
        MelFilters {
            n_mel: 2,
            n_fft: 3,
            data: vec![0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
        }
    }

    fn tiny_vocab() -> Vec<Vec<u8>> {
        ["!", "a", " the", "b", "c"]
            .iter()
            .map(|s| s.as_bytes().to_vec())
            .collect()
    }

    /// Finds tensor `name` in a ggml file and returns (dims, ggml type, f32 values).
    fn find_tensor(bytes: &[u8], name: &str) -> (Vec<i32>, i32, Vec<f32>) {
        let needle = name.as_bytes();
        let at = bytes
            .windows(needle.len() + 1)
            .position(|w| &w[..needle.len()] == needle && !w[needle.len()].is_ascii_graphic())
            .expect("tensor present");
        // Header before the name: n_dims, name_len, type, dims (reversed).
        let mut p = at;
        let rd = |p: usize| i32::from_le_bytes(bytes[p..p + 4].try_into().unwrap());
        let mut n_dims = 0;
        for nd in 1..=4 {
            let start = at - 4 * (3 + nd);
            if rd(start) == nd as i32 && rd(start + 4) == needle.len() as i32 {
                n_dims = nd;
                break;
            }
        }
        assert!(n_dims > 0, "header for {name}");
        let start = at - 4 * (3 + n_dims);
        let ttype = rd(start + 8);
        let dims: Vec<i32> = (0..n_dims).map(|i| rd(start + 12 + 4 * i)).collect();
        p += needle.len();
        let count: i32 = dims.iter().product();
        let vals = (0..count as usize)
            .map(|i| {
                if ttype == 0 {
                    f32::from_le_bytes(bytes[p + 4 * i..p + 4 * i + 4].try_into().unwrap())
                } else {
                    half::f16::from_le_bytes([bytes[p + 2 * i], bytes[p + 2 * i + 1]]).to_f32()
                }
            })
            .collect();
        (dims, ttype, vals)
    }

    #[test]
    fn converts_a_small_model_that_the_verifier_accepts() {
        let ct2 = tiny_ct2();
        let model = Ct2Model::parse(&ct2).unwrap();
        let mut out = Vec::new();
        let h = write_ggml(&model, &tiny_mel(), &tiny_vocab(), Quant::F16, &mut out).unwrap();
        assert_eq!(
            h.to_array(),
            [6, 3, 4, 2, 1, 5, 4, 2, 1, 2, 1],
            "hparams read from the shapes"
        );
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ggml.bin");
        std::fs::write(&p, &out).unwrap();
        let s = verify_ggml(&p).unwrap();
        assert_eq!(s.n_tensors, tensor_names(&h).len());
        assert_eq!(s.n_tokens, 5);

        let (dims, ttype, v) = find_tensor(&out, "encoder.blocks.0.attn.key.weight");
        assert_eq!((dims, ttype), (vec![4, 4], 1));
        assert!(v.iter().all(|&x| x == 2.0), "key rows split out: {v:?}");
        let (_, _, v) = find_tensor(&out, "decoder.blocks.0.attn.value.bias");
        assert_eq!(v, [3.0; 4]);
        let (_, _, v) = find_tensor(&out, "decoder.blocks.0.cross_attn.value.weight");
        assert!(v.iter().all(|&x| x == 6.0));
        let (_, _, v) = find_tensor(&out, "decoder.blocks.0.cross_attn.value.bias");
        assert_eq!(v, [6.0; 4]);
        let (dims, ttype, _) = find_tensor(&out, "encoder.conv1.bias");
        assert_eq!((dims, ttype), (vec![1, 4], 0), "conv bias as [n,1] f32");
        let (_, ttype, _) = find_tensor(&out, "decoder.positional_embedding");
        assert_eq!(ttype, 0);
    }

    #[test]
    fn a_truncated_conversion_fails_verification() {
        let ct2 = tiny_ct2();
        let model = Ct2Model::parse(&ct2).unwrap();
        let mut out = Vec::new();
        write_ggml(&model, &tiny_mel(), &tiny_vocab(), Quant::F16, &mut out).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ggml.bin");
        for cut in [out.len() - 1, out.len() / 2, 60] {
            std::fs::write(&p, &out[..cut]).unwrap();
            let err = verify_ggml(&p).unwrap_err().to_string();
            assert!(
                err.contains("truncated") || err.contains("ends early"),
                "cut {cut}: {err}"
            );
        }
    }

    #[test]
    fn a_truncated_ct2_file_is_an_error() {
        let ct2 = tiny_ct2();
        let err = Ct2Model::parse(&ct2[..ct2.len() / 2]).unwrap_err();
        assert!(matches!(err, Ct2Error::Truncated(_)), "{err}");
    }

    #[test]
    fn missing_variable_is_named() {
        let mut w = Ct2Writer::default();
        w.f16("decoder/embeddings/weight", &[6, 4], &[0.0; 24]);
        let bytes = w.to_bytes();
        let model = Ct2Model::parse(&bytes).unwrap();
        let err = write_ggml(
            &model,
            &tiny_mel(),
            &tiny_vocab(),
            Quant::F16,
            &mut Vec::new(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("encoder/position_encodings/encodings"),
            "{err}"
        );
    }

    #[test]
    fn wrong_mel_rows_are_refused() {
        let ct2 = tiny_ct2();
        let model = Ct2Model::parse(&ct2).unwrap();
        let mel = MelFilters {
            n_mel: 3,
            n_fft: 2,
            data: vec![0.0; 6],
        };
        let err = write_ggml(&model, &mel, &tiny_vocab(), Quant::F16, &mut Vec::new()).unwrap_err();
        assert!(matches!(err, ConvertError::MelMismatch { got: 3, want: 2 }));
    }

    /// ggml's `dequantize_row_q8_0`.
    fn dequantize_q8_0(b: &[u8]) -> Vec<f32> {
        let d = half::f16::from_le_bytes([b[0], b[1]]).to_f32();
        b[2..34].iter().map(|&q| d * f32::from(q as i8)).collect()
    }

    /// ggml's `dequantize_row_q5_1`.
    fn dequantize_q5_1(b: &[u8]) -> Vec<f32> {
        let d = half::f16::from_le_bytes([b[0], b[1]]).to_f32();
        let m = half::f16::from_le_bytes([b[2], b[3]]).to_f32();
        let qh = u32::from_le_bytes([b[4], b[5], b[6], b[7]]);
        let qs = &b[8..24];
        let mut out = vec![0.0; 32];
        for j in 0..16 {
            let x0 = (qs[j] & 0x0f) | ((((qh >> j) & 1) as u8) << 4);
            let x1 = (qs[j] >> 4) | ((((qh >> (j + 16)) & 1) as u8) << 4);
            out[j] = f32::from(x0) * d + m;
            out[j + 16] = f32::from(x1) * d + m;
        }
        out
    }

    /// 32 values over [-1.3, 2.1] with both ends and a zero in the block.
    fn block() -> Vec<f32> {
        (0..32)
            .map(|i| match i {
                0 => -1.3,
                7 => 0.0,
                31 => 2.1,
                _ => ((i * 37) % 29) as f32 / 29.0 * 3.0 - 1.0,
            })
            .collect()
    }

    #[test]
    // Half a step, plus what rounding the scale (and minimum) to f16 adds: under 0.6 of a step.
    fn q8_0_blocks_round_trip_within_half_a_step() {
        let x = block();
        let mut b = Vec::new();
        quantize_q8_0(&x, &mut b);
        assert_eq!(b.len(), 34);
        let step = 2.1 / 127.0;
        for (a, y) in x.iter().zip(dequantize_q8_0(&b)) {
            assert!((a - y).abs() <= step * 0.6, "{a} came back {y}");
        }
        // The largest magnitude is exactly representable (127 steps).
        assert_eq!(b[2 + 31] as i8, 127);
        // An all-zero block has scale 0 and no NaN.
        let mut z = Vec::new();
        quantize_q8_0(&[0.0; 32], &mut z);
        assert!(dequantize_q8_0(&z).iter().all(|v| *v == 0.0));
    }

    #[test]
    fn q5_1_blocks_round_trip_within_half_a_step() {
        let x = block();
        let mut b = Vec::new();
        quantize_q5_1(&x, &mut b);
        assert_eq!(b.len(), 24);
        let step = (2.1 + 1.3) / 31.0;
        let y = dequantize_q5_1(&b);
        for (a, y) in x.iter().zip(&y) {
            assert!((a - y).abs() <= step * 0.6, "{a} came back {y}");
        }
        // Both ends are kept: the minimum as the offset, the maximum as 31 steps (the fifth bit).
        assert!(
            (y[0] + 1.3).abs() < 1e-3 && (y[31] - 2.1).abs() < 5e-3,
            "{y:?}"
        );
    }

    #[test]
    fn quantised_matrices_need_rows_of_whole_blocks() {
        let ct2 = tiny_ct2();
        let model = Ct2Model::parse(&ct2).unwrap();
        let err = write_ggml(
            &model,
            &tiny_mel(),
            &tiny_vocab(),
            Quant::Q8_0,
            &mut Vec::new(),
        )
        .unwrap_err();
        assert!(
            matches!(
                &err,
                ConvertError::QuantShape {
                    row: 4,
                    quant: Quant::Q8_0,
                    ..
                }
            ),
            "{err}"
        );
        assert_eq!(Quant::parse(Some("q5_1")), Ok(Quant::Q5_1));
        assert!(Quant::parse(Some("q4_0")).unwrap_err().contains("q8_0"));
    }
}
