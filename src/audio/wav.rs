//! WAV in any layout hound reads (8/16/24/32-bit integer, 32-bit float, any channel count),
//! mixed down to mono f32 as it is read; WAV out as 16-bit mono.
//!
//! The header is walked here before hound sees it: the rate and the length are checked before
//! any sample is read ([`WAV_RATES`], [`MAX_WAV_SECONDS`]), and a recording cut short or written
//! as a stream (a data size larger than the file, or 0xFFFFFFFF) is read as far as the audio
//! goes, with a warning, instead of being refused: hound is handed the `fmt ` chunk and a `data`
//! chunk whose size is what the file really holds.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use super::{AudioError, Clip, MAX_WAV_SECONDS, WAV_RATES};

/// The data size a streaming writer leaves when it cannot seek back to fill it in.
const STREAMING_SIZE: u32 = u32::MAX;
/// A `fmt ` chunk longer than this is not a format description (WAVE_FORMAT_EXTENSIBLE is 40).
const MAX_FMT_BYTES: u32 = 1024;

/// What the header says, and where the samples are.
struct Header {
    /// `RIFF`, `WAVE`, the `fmt ` chunk and a `data` chunk header with the real size.
    for_hound: Vec<u8>,
    channels: u16,
    sample_rate: u32,
    /// Bytes per frame (all channels).
    block_align: u16,
    /// Where the samples start in the file.
    data_start: u64,
    /// The size the header gives the samples.
    declared: u32,
    /// The size the file holds, whole frames only.
    available: u64,
}

/// Reads the chunks up to `data` (skipping the ones it does not need without reading them).
fn read_header(file: &mut std::fs::File, file_size: u64) -> Result<Header, String> {
    let mut word = [0u8; 4];
    let mut read4 = |f: &mut std::fs::File| -> Result<[u8; 4], String> {
        f.read_exact(&mut word)
            .map_err(|_| "the file ends inside its header".to_string())?;
        Ok(word)
    };
    if &read4(file)? != b"RIFF" {
        return Err("no RIFF tag found".into());
    }
    read4(file)?;
    if &read4(file)? != b"WAVE" {
        return Err("no WAVE tag found".into());
    }
    let mut fmt: Option<Vec<u8>> = None;
    loop {
        let id = read4(file)?;
        let len = u32::from_le_bytes(read4(file)?);
        match &id {
            b"fmt " => {
                if !(16..=MAX_FMT_BYTES).contains(&len) {
                    return Err(format!("a fmt chunk of {len} bytes"));
                }
                let mut body = vec![0u8; len as usize];
                file.read_exact(&mut body)
                    .map_err(|_| "the file ends inside its fmt chunk".to_string())?;
                if len % 2 == 1 {
                    file.seek(SeekFrom::Current(1)).map_err(|e| e.to_string())?;
                }
                fmt = Some(body);
            }
            b"data" => {
                let Some(body) = fmt else {
                    return Err("missing fmt chunk".into());
                };
                let data_start = file.stream_position().map_err(|e| e.to_string())?;
                let u16_at = |i: usize| u16::from_le_bytes([body[i], body[i + 1]]);
                let channels = u16_at(2);
                let sample_rate = u32::from_le_bytes([body[4], body[5], body[6], body[7]]);
                let block_align = u16_at(12);
                if channels == 0 || block_align == 0 || block_align % channels != 0 {
                    return Err(format!(
                        "{channels} channels in frames of {block_align} bytes"
                    ));
                }
                let on_disk = file_size.saturating_sub(data_start);
                let available =
                    on_disk.min(u64::from(len)) / u64::from(block_align) * u64::from(block_align);
                // hound counts samples in a u32.
                let available =
                    available.min(u64::from(u32::MAX - u32::MAX % u32::from(block_align)));
                let mut for_hound = Vec::with_capacity(body.len() + 28);
                for_hound.extend_from_slice(b"RIFF");
                for_hound.extend_from_slice(&u32::MAX.to_le_bytes());
                for_hound.extend_from_slice(b"WAVE");
                for_hound.extend_from_slice(b"fmt ");
                for_hound.extend_from_slice(&(body.len() as u32).to_le_bytes());
                for_hound.extend_from_slice(&body);
                for_hound.extend_from_slice(b"data");
                for_hound.extend_from_slice(&(available as u32).to_le_bytes());
                return Ok(Header {
                    for_hound,
                    channels,
                    sample_rate,
                    block_align,
                    data_start,
                    declared: len,
                    available,
                });
            }
            _ => {
                // Chunks are padded to an even size.
                let skip = i64::from(len) + i64::from(len % 2);
                file.seek(SeekFrom::Current(skip))
                    .map_err(|e| e.to_string())?;
            }
        }
    }
}

/// Reads a WAV file as a mono clip at its own rate (channels averaged as they are read, so the
/// interleaved samples are never held). A file cut short, or with no length in its header, is
/// read as far as its audio goes and logged as a warning.
///
/// # Errors
/// [`AudioError::Input`] when it is missing or not a regular file, [`AudioError::BadRate`],
/// [`AudioError::TooLong`] (from the header, before reading), or [`AudioError::NotWav`] for
/// anything else hound cannot decode.
pub fn read_wav(path: &Path) -> Result<Clip, AudioError> {
    let not_wav = |why: String| AudioError::NotWav {
        path: path.to_path_buf(),
        why,
    };
    let (mut file, file_size) = crate::input::open_regular(path)?;
    let h = read_header(&mut file, file_size).map_err(not_wav)?;
    if !WAV_RATES.contains(&h.sample_rate) {
        return Err(AudioError::BadRate {
            path: path.to_path_buf(),
            rate: h.sample_rate,
        });
    }
    let frames = h.available / u64::from(h.block_align);
    let seconds = frames as f64 / f64::from(h.sample_rate);
    if seconds > f64::from(MAX_WAV_SECONDS) {
        return Err(AudioError::TooLong {
            path: path.to_path_buf(),
            minutes: seconds / 60.0,
        });
    }
    if h.declared == STREAMING_SIZE {
        tracing::warn!(
            "{}: the header gives no length (a stream's header); read the {seconds:.2} s of audio the file holds",
            path.display()
        );
    } else if u64::from(h.declared) > h.available + u64::from(h.block_align) - 1 {
        let said = f64::from(h.declared) / f64::from(h.block_align) / f64::from(h.sample_rate);
        tracing::warn!(
            "{}: the file was cut short: its header says {said:.2} s of audio, it holds {seconds:.2} s; read what is there",
            path.display()
        );
    }
    file.seek(SeekFrom::Start(h.data_start))
        .map_err(|e| not_wav(e.to_string()))?;
    let stream =
        std::io::Cursor::new(h.for_hound).chain(std::io::BufReader::new(file).take(h.available));
    let mut reader = hound::WavReader::new(stream).map_err(|e| not_wav(e.to_string()))?;
    let spec = reader.spec();
    let ch = usize::from(h.channels);
    let mut samples = Vec::with_capacity(frames as usize);
    let mut mix = MonoMix::new(ch, &mut samples);
    match spec.sample_format {
        hound::SampleFormat::Float => {
            for s in reader.samples::<f32>() {
                mix.push(s.map_err(|e| not_wav(e.to_string()))?);
            }
        }
        hound::SampleFormat::Int => {
            let scale = 1.0 / (1u64 << (spec.bits_per_sample.clamp(1, 32) - 1)) as f32;
            for s in reader.samples::<i32>() {
                mix.push(s.map_err(|e| not_wav(e.to_string()))? as f32 * scale);
            }
        }
    }
    Ok(Clip::new(samples, h.sample_rate))
}

/// Averages interleaved samples frame by frame into `out`.
struct MonoMix<'a> {
    channels: usize,
    sum: f32,
    n: usize,
    out: &'a mut Vec<f32>,
}

impl<'a> MonoMix<'a> {
    fn new(channels: usize, out: &'a mut Vec<f32>) -> Self {
        MonoMix {
            channels,
            sum: 0.0,
            n: 0,
            out,
        }
    }

    fn push(&mut self, s: f32) {
        self.sum += s;
        self.n += 1;
        if self.n == self.channels {
            self.out.push(self.sum / self.channels as f32);
            self.sum = 0.0;
            self.n = 0;
        }
    }
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

    /// A 16-bit mono WAV of `n` samples counting up, at `rate`.
    fn counting(path: &Path, rate: u32, n: usize) {
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: rate,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let mut w = hound::WavWriter::create(path, spec).unwrap();
        for i in 0..n {
            w.write_sample(i as i16).unwrap();
        }
        w.finalize().unwrap();
    }

    /// Overwrites the 4 bytes at `at` (hound writes RIFF's size at 4, data's size at 40).
    fn patch(path: &Path, at: usize, value: u32) {
        let mut b = std::fs::read(path).unwrap();
        b[at..at + 4].copy_from_slice(&value.to_le_bytes());
        std::fs::write(path, b).unwrap();
    }

    #[test]
    fn rates_outside_4_to_192_khz_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        for rate in [1, 3_999, 192_001, u32::MAX] {
            let p = dir.path().join(format!("r{rate}.wav"));
            counting(&p, 16_000, 100);
            patch(&p, 24, rate);
            let err = read_wav(&p).unwrap_err().to_string();
            assert_eq!(
                err,
                format!(
                    "{}: a sample rate of {rate} Hz is outside what warmup reads (4000 to 192000 Hz)",
                    p.display()
                )
            );
        }
        for rate in [4_000, 192_000] {
            let p = dir.path().join(format!("ok{rate}.wav"));
            counting(&p, rate, 100);
            assert_eq!(read_wav(&p).unwrap().sample_rate, rate);
        }
    }

    #[test]
    fn a_file_longer_than_the_limit_is_refused_from_its_header() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("hour.wav");
        // An hour of 48 kHz stereo 16-bit: a sparse file, so nothing is written or read.
        let spec = hound::WavSpec {
            channels: 2,
            sample_rate: 48_000,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        hound::WavWriter::create(&p, spec)
            .unwrap()
            .finalize()
            .unwrap();
        let bytes = 3600 * 48_000 * 4u32;
        patch(&p, 40, bytes);
        let f = std::fs::OpenOptions::new().write(true).open(&p).unwrap();
        f.set_len(44 + u64::from(bytes)).unwrap();
        let err = read_wav(&p).unwrap_err().to_string();
        assert!(
            err.contains(
                "hour.wav: 60.0 minutes of audio, longer than the 15 minutes warmup reads"
            ),
            "{err}"
        );
        // Just under the limit is read.
        let p = dir.path().join("under.wav");
        counting(&p, 4_000, (MAX_WAV_SECONDS * 4_000) as usize);
        let c = read_wav(&p).unwrap();
        assert_eq!(c.samples.len(), (MAX_WAV_SECONDS * 4_000) as usize);
    }

    #[test]
    fn cut_short_and_streaming_files_are_read_as_far_as_the_audio_goes() {
        let dir = tempfile::tempdir().unwrap();
        let whole = dir.path().join("whole.wav");
        counting(&whole, 16_000, 1000);
        let bytes = std::fs::read(&whole).unwrap();
        // (what is done to the file, samples expected)
        let cut =
            |n: usize| move |p: &Path| std::fs::write(p, &std::fs::read(p).unwrap()[..n]).unwrap();
        type Damage = Box<dyn Fn(&Path)>;
        let cases: Vec<(&str, Damage, usize)> = vec![
            ("cut in half", Box::new(cut(44 + 1000)), 500),
            ("cut inside a sample", Box::new(cut(44 + 1001)), 500),
            ("cut right after the header", Box::new(cut(44)), 0),
            (
                "data size 0xFFFFFFFF",
                Box::new(|p: &Path| patch(p, 40, u32::MAX)),
                1000,
            ),
            (
                "both sizes 0xFFFFFFFF",
                Box::new(|p: &Path| {
                    patch(p, 4, u32::MAX);
                    patch(p, 40, u32::MAX);
                }),
                1000,
            ),
            (
                "data size past the end",
                Box::new(|p: &Path| patch(p, 40, 1_000_000)),
                1000,
            ),
        ];
        for (what, damage, n) in cases {
            let p = dir.path().join("damaged.wav");
            std::fs::write(&p, &bytes).unwrap();
            damage(&p);
            let c = read_wav(&p).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(c.samples.len(), n, "{what}");
            for (i, s) in c.samples.iter().enumerate() {
                assert_eq!((s * 32768.0).round() as usize, i, "{what}: sample {i}");
            }
        }
    }

    #[test]
    fn chunks_before_the_data_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("list.wav");
        counting(&p, 16_000, 10);
        let b = std::fs::read(&p).unwrap();
        // An odd-sized LIST chunk (padded) between fmt and data.
        let mut with = b[..36].to_vec();
        with.extend_from_slice(b"LIST\x03\x00\x00\x00abc\x00");
        with.extend_from_slice(&b[36..]);
        std::fs::write(&p, with).unwrap();
        assert_eq!(read_wav(&p).unwrap().samples.len(), 10);
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
