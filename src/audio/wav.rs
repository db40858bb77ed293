//! WAV in any layout hound reads (8/16/24/32-bit integer, 32-bit float, any channel count),
//! mixed down to mono f32; WAV out as 16-bit mono.

use std::path::Path;

use super::{AudioError, Clip};

/// Reads a WAV file as a mono clip at its own rate (channels averaged).
///
/// # Errors
/// [`AudioError::NotFound`], or [`AudioError::NotWav`] for anything hound cannot decode.
pub fn read_wav(path: &Path) -> Result<Clip, AudioError> {
    if !path.exists() {
        return Err(AudioError::NotFound {
            path: path.to_path_buf(),
        });
    }
    let not_wav = |why: String| AudioError::NotWav {
        path: path.to_path_buf(),
        why,
    };
    let mut reader = hound::WavReader::open(path).map_err(|e| not_wav(e.to_string()))?;
    let spec = reader.spec();
    if spec.channels == 0 || spec.sample_rate == 0 {
        return Err(not_wav(format!(
            "{} channels at {} Hz",
            spec.channels, spec.sample_rate
        )));
    }
    let interleaved: Vec<f32> = match spec.sample_format {
        hound::SampleFormat::Float => reader
            .samples::<f32>()
            .collect::<Result<_, _>>()
            .map_err(|e| not_wav(e.to_string()))?,
        hound::SampleFormat::Int => {
            let scale = 1.0 / (1u64 << (spec.bits_per_sample.clamp(1, 32) - 1)) as f32;
            reader
                .samples::<i32>()
                .map(|s| s.map(|v| v as f32 * scale))
                .collect::<Result<_, _>>()
                .map_err(|e| not_wav(e.to_string()))?
        }
    };
    let ch = spec.channels as usize;
    let samples = interleaved
        .chunks_exact(ch)
        .map(|frame| frame.iter().sum::<f32>() / ch as f32)
        .collect();
    Ok(Clip::new(samples, spec.sample_rate))
}

/// Writes a clip as 16-bit mono PCM.
///
/// # Errors
/// [`AudioError::Io`].
pub fn write_wav(path: &Path, clip: &Clip) -> Result<(), AudioError> {
    let io = |e: hound::Error| AudioError::Io {
        path: path.to_path_buf(),
        source: match e {
            hound::Error::IoError(e) => e,
            other => std::io::Error::other(other.to_string()),
        },
    };
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: clip.sample_rate,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    // User-only (0600), whatever the umask: the agent's voice reads the user's answers back.
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(path)
            .and_then(|f| {
                // An existing file keeps its mode on open: set it.
                f.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
                Ok(f)
            })
            .map_err(|source| AudioError::Io {
                path: path.to_path_buf(),
                source,
            })?
    };
    let mut w = hound::WavWriter::new(std::io::BufWriter::new(file), spec).map_err(io)?;
    for s in &clip.samples {
        w.write_sample((s.clamp(-1.0, 1.0) * 32767.0).round() as i16)
            .map_err(io)?;
    }
    w.finalize().map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stereo_24_bit_as_mono() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.wav");
        let spec = hound::WavSpec {
            channels: 2,
            sample_rate: 44_100,
            bits_per_sample: 24,
            sample_format: hound::SampleFormat::Int,
        };
        let mut w = hound::WavWriter::create(&p, spec).unwrap();
        for _ in 0..10 {
            w.write_sample(1 << 22).unwrap(); // 0.5
            w.write_sample(0).unwrap();
        }
        w.finalize().unwrap();
        let c = read_wav(&p).unwrap();
        assert_eq!(c.sample_rate, 44_100);
        assert_eq!(c.samples.len(), 10);
        assert!((c.samples[0] - 0.25).abs() < 1e-6, "{}", c.samples[0]);
    }

    #[test]
    fn not_a_wav_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.wav");
        std::fs::write(&p, b"ID3\x04 this is an mp3").unwrap();
        let err = read_wav(&p).unwrap_err().to_string();
        assert!(err.contains("not a WAV file"), "{err}");
        let err = read_wav(&dir.path().join("nope.wav"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("no such file"), "{err}");
    }
}
