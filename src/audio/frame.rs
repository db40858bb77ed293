//! The frame: 30 ms of 16 kHz mono i16 audio, the unit the voice detector, the endpointer and
//! the sources share, and its conversions to and from f32 samples.

/// Samples in one frame: 30 ms at 16 kHz.
pub const FRAME_SAMPLES: usize = 480;

/// 30 ms of 16 kHz mono audio, what webrtc-vad takes.
pub type Frame = [i16; FRAME_SAMPLES];

/// Converts f32 samples in [-1, 1] to a frame (zero-padded).
pub fn to_frame(samples: &[f32]) -> Frame {
    let mut f = [0i16; FRAME_SAMPLES];
    for (o, s) in f.iter_mut().zip(samples) {
        *o = (s.clamp(-1.0, 1.0) * 32767.0) as i16;
    }
    f
}

/// A frame's samples as f32 in [-1, 1).
pub fn to_f32(frame: &Frame) -> Vec<f32> {
    frame.iter().map(|s| f32::from(*s) / 32768.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_survive_the_round_trip_to_a_frame() {
        let samples: Vec<f32> = (0..FRAME_SAMPLES)
            .map(|i| (i as f32 / 240.0) - 1.0)
            .collect();
        let back = to_f32(&to_frame(&samples));
        assert!(samples.iter().zip(&back).all(|(a, b)| (a - b).abs() < 1e-4));
        assert_eq!(to_frame(&[2.0, -2.0])[..2], [32767, -32767], "clamped");
        assert_eq!(to_frame(&[0.5])[1..], [0; FRAME_SAMPLES - 1], "zero-padded");
    }
}
