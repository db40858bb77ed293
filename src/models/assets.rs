//! The two parts of a ggml whisper file that CTranslate2 does not carry, read from the
//! `openai-whisper` package's assets: the mel filter bank (`mel_filters.npz`, a zip of `.npy`
//! arrays) and the GPT-2 vocabulary (`gpt2.tiktoken`, base64 token and rank per line).

use std::io::{Cursor, Read};

use base64::Engine;

use super::convert::MelFilters;

/// Why an asset cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum AssetError {
    #[error("mel_filters.npz: {0}")]
    Npz(String),
    #[error("tiktoken vocabulary line {line}: {what}")]
    Tiktoken { line: usize, what: String },
}

/// Reads array `key` (e.g. `mel_80`) from an `.npz` file's bytes.
///
/// # Errors
/// [`AssetError::Npz`] when the zip, the `.npy` header or the data is not a 2-D little-endian
/// f32 array in C order.
pub fn mel_filters_from_npz(npz: &[u8], key: &str) -> Result<MelFilters, AssetError> {
    let err = |s: String| AssetError::Npz(s);
    let mut zip = zip::ZipArchive::new(Cursor::new(npz)).map_err(|e| err(e.to_string()))?;
    let mut entry = zip
        .by_name(&format!("{key}.npy"))
        .map_err(|e| err(format!("{key}.npy: {e}")))?;
    let mut npy = Vec::new();
    entry
        .read_to_end(&mut npy)
        .map_err(|e| err(e.to_string()))?;
    if npy.len() < 10 || &npy[..6] != b"\x93NUMPY" {
        return Err(err(format!("{key}.npy is not a .npy array")));
    }
    let (header_len, header_start) = match npy[6] {
        1 => (u16::from_le_bytes([npy[8], npy[9]]) as usize, 10),
        _ if npy.len() >= 12 => (
            u32::from_le_bytes([npy[8], npy[9], npy[10], npy[11]]) as usize,
            12,
        ),
        _ => return Err(err("short header".into())),
    };
    let header = npy
        .get(header_start..header_start + header_len)
        .map(String::from_utf8_lossy)
        .ok_or_else(|| err("header runs past the end".into()))?;
    if !header.contains("'descr': '<f4'") || !header.contains("'fortran_order': False") {
        return Err(err(format!("unsupported array {header}")));
    }
    let shape = header
        .split("'shape': (")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .ok_or_else(|| err(format!("no shape in {header}")))?;
    let dims: Vec<usize> = shape
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse::<usize>())
        .collect::<Result<_, _>>()
        .map_err(|e| err(format!("shape ({shape}): {e}")))?;
    let [n_mel, n_fft] = dims[..] else {
        return Err(err(format!("expected a 2-D array, got shape ({shape})")));
    };
    let data = &npy[header_start + header_len..];
    if data.len() != n_mel * n_fft * 4 {
        return Err(err(format!(
            "{} data bytes for shape ({shape})",
            data.len()
        )));
    }
    Ok(MelFilters {
        n_mel,
        n_fft,
        data: data
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    })
}

/// Tokens of a `.tiktoken` file in rank order, plus `<|endoftext|>` after the last one, as
/// whisper.cpp's vocabulary section expects (50257 entries for GPT-2).
///
/// # Errors
/// [`AssetError::Tiktoken`] naming the line that is not `base64 rank` or whose rank is out of
/// order.
pub fn vocab_from_tiktoken(text: &str) -> Result<Vec<Vec<u8>>, AssetError> {
    let mut tokens = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |what: String| AssetError::Tiktoken { line: i + 1, what };
        let mut parts = line.split_whitespace();
        let (Some(b64), Some(rank), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad("expected `base64 rank`".into()));
        };
        let rank: usize = rank.parse().map_err(|_| bad(format!("rank `{rank}`")))?;
        if rank != tokens.len() {
            return Err(bad(format!("rank {rank} where {} was due", tokens.len())));
        }
        // The multilingual file writes one empty token as a lone `=` (Python decodes it to
        // nothing; whisper.cpp's converter keeps it, empty).
        let bytes = if b64.trim_end_matches('=').is_empty() {
            Vec::new()
        } else {
            base64::engine::general_purpose::STANDARD
                .decode(b64)
                .map_err(|e| bad(e.to_string()))?
        };
        tokens.push(bytes);
    }
    tokens.push(b"<|endoftext|>".to_vec());
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn npz_with(name: &str, header: &str, data: &[u8]) -> Vec<u8> {
        let mut npy = b"\x93NUMPY\x01\x00".to_vec();
        npy.extend_from_slice(&(header.len() as u16).to_le_bytes());
        npy.extend_from_slice(header.as_bytes());
        npy.extend_from_slice(data);
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(&npy).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_a_2d_f32_array() {
        let data: Vec<u8> = [1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let npz = npz_with(
            "mel_80.npy",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }    \n",
            &data,
        );
        let m = mel_filters_from_npz(&npz, "mel_80").unwrap();
        assert_eq!((m.n_mel, m.n_fft), (2, 3));
        assert_eq!(m.data, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        let err = mel_filters_from_npz(&npz, "mel_128")
            .unwrap_err()
            .to_string();
        assert!(err.contains("mel_128.npy"), "{err}");
    }

    #[test]
    fn refuses_wrong_dtype_and_short_data() {
        let npz = npz_with(
            "mel_80.npy",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), }\n",
            &[0; 8],
        );
        assert!(mel_filters_from_npz(&npz, "mel_80").is_err());
        let npz = npz_with(
            "mel_80.npy",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }\n",
            &[0; 12],
        );
        let err = mel_filters_from_npz(&npz, "mel_80")
            .unwrap_err()
            .to_string();
        assert!(err.contains("12 data bytes"), "{err}");
    }

    #[test]
    fn tiktoken_in_rank_order_with_endoftext() {
        let v = vocab_from_tiktoken("IQ== 0\nIg== 1\n").unwrap();
        assert_eq!(
            v,
            [b"!".to_vec(), b"\"".to_vec(), b"<|endoftext|>".to_vec()]
        );
        let v = vocab_from_tiktoken("IQ== 0\n= 1\n").unwrap();
        assert_eq!(
            v,
            vec![b"!".to_vec(), Vec::new(), b"<|endoftext|>".to_vec()]
        );
        let err = vocab_from_tiktoken("IQ== 0\nIg== 5\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2"), "{err}");
    }
}
