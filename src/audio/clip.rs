/// Mono audio: samples in [-1, 1] at `sample_rate` Hz.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Clip {
    pub samples: Vec<f32>,
    pub sample_rate: u32,
}

impl Clip {
    pub fn new(samples: Vec<f32>, sample_rate: u32) -> Self {
        Clip {
            samples,
            sample_rate,
        }
    }

    /// `seconds` of silence.
    pub fn silence(seconds: f32, sample_rate: u32) -> Self {
        Clip::new(
            vec![0.0; (seconds * sample_rate as f32).round() as usize],
            sample_rate,
        )
    }

    pub fn duration_s(&self) -> f32 {
        if self.sample_rate == 0 {
            0.0
        } else {
            self.samples.len() as f32 / self.sample_rate as f32
        }
    }

    /// Appends `other`, which must be at the same rate.
    pub fn append(&mut self, other: &Clip) {
        debug_assert_eq!(self.sample_rate, other.sample_rate);
        self.samples.extend_from_slice(&other.samples);
    }

    /// Louder or quieter by `factor`, clipped to [-1, 1].
    pub fn scaled(&self, factor: f32) -> Clip {
        Clip {
            samples: self
                .samples
                .iter()
                .map(|s| (s * factor).clamp(-1.0, 1.0))
                .collect(),
            sample_rate: self.sample_rate,
        }
    }
}
