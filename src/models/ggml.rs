//! The legacy ggml file layout that whisper.cpp's `whisper_model_load` reads, and a verifier that
//! walks a whole file before whisper.cpp ever sees it: whisper.cpp trusts the header and reads
//! past the end of a truncated file, so a bad file has to be caught here, not by a segfault.

use std::io::Read;
use std::path::Path;

use super::ModelError;

/// `ggml` in ASCII, as whisper.cpp checks it.
pub const GGML_MAGIC: u32 = 0x6767_6d6c;

/// The eleven `i32` hyper-parameters at the start of a whisper ggml file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hparams {
    pub n_vocab: i32,
    pub n_audio_ctx: i32,
    pub n_audio_state: i32,
    pub n_audio_head: i32,
    pub n_audio_layer: i32,
    pub n_text_ctx: i32,
    pub n_text_state: i32,
    pub n_text_head: i32,
    pub n_text_layer: i32,
    pub n_mels: i32,
    pub ftype: i32,
}

impl Hparams {
    pub fn to_array(self) -> [i32; 11] {
        [
            self.n_vocab,
            self.n_audio_ctx,
            self.n_audio_state,
            self.n_audio_head,
            self.n_audio_layer,
            self.n_text_ctx,
            self.n_text_state,
            self.n_text_head,
            self.n_text_layer,
            self.n_mels,
            self.ftype,
        ]
    }

    fn from_array(a: [i32; 11]) -> Self {
        Hparams {
            n_vocab: a[0],
            n_audio_ctx: a[1],
            n_audio_state: a[2],
            n_audio_head: a[3],
            n_audio_layer: a[4],
            n_text_ctx: a[5],
            n_text_state: a[6],
            n_text_head: a[7],
            n_text_layer: a[8],
            n_mels: a[9],
            ftype: a[10],
        }
    }

    /// A readable name such as `tiny.en`, from the sizes whisper.cpp uses to tell models apart.
    pub fn model_name(&self) -> String {
        let size = match self.n_audio_layer {
            4 => "tiny",
            6 => "base",
            12 => "small",
            24 => "medium",
            32 => "large",
            _ => "unknown",
        };
        if self.n_vocab == 51864 {
            format!("{size}.en")
        } else {
            size.to_string()
        }
    }
}

/// Every tensor name whisper.cpp's loader expects for these hyper-parameters, in the order the
/// converter writes them. The loader fails unless each is present exactly once.
pub fn tensor_names(h: &Hparams) -> Vec<String> {
    let mut names: Vec<String> = [
        "encoder.positional_embedding",
        "encoder.conv1.weight",
        "encoder.conv1.bias",
        "encoder.conv2.weight",
        "encoder.conv2.bias",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let attention = |prefix: &str, attn: &str, ln: &str| -> Vec<String> {
        vec![
            format!("{prefix}.{ln}.weight"),
            format!("{prefix}.{ln}.bias"),
            format!("{prefix}.{attn}.query.weight"),
            format!("{prefix}.{attn}.query.bias"),
            format!("{prefix}.{attn}.key.weight"),
            format!("{prefix}.{attn}.value.weight"),
            format!("{prefix}.{attn}.value.bias"),
            format!("{prefix}.{attn}.out.weight"),
            format!("{prefix}.{attn}.out.bias"),
        ]
    };
    let mlp = |prefix: &str| -> Vec<String> {
        [
            "mlp_ln.weight",
            "mlp_ln.bias",
            "mlp.0.weight",
            "mlp.0.bias",
            "mlp.2.weight",
            "mlp.2.bias",
        ]
        .iter()
        .map(|s| format!("{prefix}.{s}"))
        .collect()
    };
    for i in 0..h.n_audio_layer {
        let p = format!("encoder.blocks.{i}");
        names.extend(attention(&p, "attn", "attn_ln"));
        names.extend(mlp(&p));
    }
    names.push("encoder.ln_post.weight".into());
    names.push("encoder.ln_post.bias".into());
    names.push("decoder.positional_embedding".into());
    names.push("decoder.token_embedding.weight".into());
    for i in 0..h.n_text_layer {
        let p = format!("decoder.blocks.{i}");
        names.extend(attention(&p, "attn", "attn_ln"));
        names.extend(attention(&p, "cross_attn", "cross_attn_ln"));
        names.extend(mlp(&p));
    }
    names.push("decoder.ln.weight".into());
    names.push("decoder.ln.bias".into());
    names
}

/// Bytes taken by `n` elements of a ggml tensor type, or `None` for a type this verifier does not
/// know (block sizes from ggml: quantized types pack 32 values per block).
fn tensor_bytes(ggml_type: i32, n: u64) -> Option<u64> {
    let (block, bytes) = match ggml_type {
        0 => (1, 4),   // f32
        1 => (1, 2),   // f16
        2 => (32, 18), // q4_0
        3 => (32, 20), // q4_1
        6 => (32, 22), // q5_0
        7 => (32, 24), // q5_1
        8 => (32, 34), // q8_0
        _ => return None,
    };
    if !n.is_multiple_of(block) {
        return None;
    }
    Some(n / block * bytes)
}

/// What a verified file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GgmlSummary {
    pub hparams: Hparams,
    pub n_tokens: usize,
    pub n_tensors: usize,
    pub file_size: u64,
}

/// Reads a whole ggml whisper file and checks that every part is where the header says, that the
/// tensors are exactly the ones whisper.cpp will ask for, and that the file ends where the last
/// tensor does.
///
/// # Errors
/// [`ModelError::Corrupt`] naming what is wrong, or [`ModelError::Io`].
pub fn verify_ggml(path: &Path) -> Result<GgmlSummary, ModelError> {
    let file_size = std::fs::metadata(path)
        .map_err(|e| ModelError::io(path, e))?
        .len();
    let file = std::fs::File::open(path).map_err(|e| ModelError::io(path, e))?;
    let mut r = Reader {
        inner: std::io::BufReader::with_capacity(1 << 20, file),
        pos: 0,
        size: file_size,
        path,
    };
    let magic = r.u32()?;
    if magic != GGML_MAGIC {
        return Err(r.corrupt(format!(
            "not a ggml whisper model (magic {magic:#010x}, expected {GGML_MAGIC:#010x})"
        )));
    }
    let mut a = [0i32; 11];
    for v in a.iter_mut() {
        *v = r.i32()?;
    }
    let h = Hparams::from_array(a);
    let sane = |v: i32, max: i32| v > 0 && v <= max;
    if !(sane(h.n_vocab, 60_000)
        && sane(h.n_audio_ctx, 1500)
        && sane(h.n_audio_state, 4096)
        && sane(h.n_audio_head, 64)
        && sane(h.n_audio_layer, 64)
        && sane(h.n_text_ctx, 448)
        && sane(h.n_text_state, 4096)
        && sane(h.n_text_head, 64)
        && sane(h.n_text_layer, 64)
        && sane(h.n_mels, 128))
    {
        return Err(r.corrupt(format!("implausible hyper-parameters {a:?}")));
    }
    let n_mel = r.i32()?;
    let n_fft = r.i32()?;
    if n_mel != h.n_mels || !(1..=1024).contains(&n_fft) {
        return Err(r.corrupt(format!("mel filter header {n_mel}x{n_fft} does not match")));
    }
    r.skip(n_mel as u64 * n_fft as u64 * 4)?;
    let n_tokens = r.i32()?;
    if !(1..=h.n_vocab).contains(&n_tokens) {
        return Err(r.corrupt(format!("vocabulary of {n_tokens} tokens")));
    }
    for _ in 0..n_tokens {
        let len = r.i32()?;
        if !(0..=256).contains(&len) {
            return Err(r.corrupt(format!("token of length {len}")));
        }
        r.skip(len as u64)?;
    }
    let mut expected: std::collections::BTreeSet<String> = tensor_names(&h).into_iter().collect();
    let mut n_tensors = 0;
    while r.pos < r.size {
        let n_dims = r.i32()?;
        let name_len = r.i32()?;
        let ttype = r.i32()?;
        if !(1..=4).contains(&n_dims) || !(1..=255).contains(&name_len) {
            return Err(r.corrupt(format!(
                "tensor header with {n_dims} dimensions and a {name_len}-byte name"
            )));
        }
        let mut n: u64 = 1;
        for _ in 0..n_dims {
            let d = r.i32()?;
            if d <= 0 {
                return Err(r.corrupt(format!("tensor dimension {d}")));
            }
            n *= d as u64;
        }
        let mut name = vec![0u8; name_len as usize];
        r.read(&mut name)?;
        let name = String::from_utf8_lossy(&name).into_owned();
        if !expected.remove(&name) {
            return Err(r.corrupt(format!("unexpected or repeated tensor `{name}`")));
        }
        let bytes = tensor_bytes(ttype, n)
            .ok_or_else(|| r.corrupt(format!("tensor `{name}` has unsupported type {ttype}")))?;
        r.skip(bytes)?;
        n_tensors += 1;
    }
    if let Some(missing) = expected.iter().next() {
        return Err(r.corrupt(format!(
            "{} tensors missing, first `{missing}` (truncated file?)",
            expected.len()
        )));
    }
    Ok(GgmlSummary {
        hparams: h,
        n_tokens: n_tokens as usize,
        n_tensors,
        file_size,
    })
}

struct Reader<'a, R> {
    inner: R,
    pos: u64,
    size: u64,
    path: &'a Path,
}

impl<R: Read> Reader<'_, R> {
    fn corrupt(&self, what: String) -> ModelError {
        ModelError::Corrupt {
            path: self.path.to_path_buf(),
            what: format!("{what} at byte {}", self.pos),
        }
    }

    fn read(&mut self, buf: &mut [u8]) -> Result<(), ModelError> {
        if self.pos + buf.len() as u64 > self.size {
            return Err(self.corrupt(format!(
                "file ends early: {} bytes, {} more needed (truncated file?)",
                self.size,
                self.pos + buf.len() as u64 - self.size
            )));
        }
        self.inner
            .read_exact(buf)
            .map_err(|e| ModelError::io(self.path, e))?;
        self.pos += buf.len() as u64;
        Ok(())
    }

    fn skip(&mut self, n: u64) -> Result<(), ModelError> {
        if self.pos + n > self.size {
            return Err(self.corrupt(format!(
                "file ends early: {} bytes, {} more needed (truncated file?)",
                self.size,
                self.pos + n - self.size
            )));
        }
        std::io::copy(&mut (&mut self.inner).take(n), &mut std::io::sink())
            .map_err(|e| ModelError::io(self.path, e))?;
        self.pos += n;
        Ok(())
    }

    fn i32(&mut self) -> Result<i32, ModelError> {
        let mut b = [0u8; 4];
        self.read(&mut b)?;
        Ok(i32::from_le_bytes(b))
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        let mut b = [0u8; 4];
        self.read(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_has_167_tensors() {
        let h = Hparams::from_array([51864, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1]);
        assert_eq!(tensor_names(&h).len(), 167);
        assert_eq!(h.model_name(), "tiny.en");
    }

    #[test]
    fn wrong_magic_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.bin");
        std::fs::write(&p, b"RIFF\0\0\0\0WAVEfmt ").unwrap();
        let err = verify_ggml(&p).unwrap_err().to_string();
        assert!(err.contains("not a ggml whisper model"), "{err}");
    }

    #[test]
    fn short_file_is_truncated_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.bin");
        std::fs::write(&p, GGML_MAGIC.to_le_bytes()).unwrap();
        let err = verify_ggml(&p).unwrap_err().to_string();
        assert!(err.contains("file ends early"), "{err}");
    }
}
