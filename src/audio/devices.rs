//! The devices the host has: listed for `warmup devices` and for error messages, found by the
//! name a user gives, and a stream error told apart as a loss or a glitch. Opening them is the
//! microphone's ([`super::mic`]) and the speaker's ([`super::speaker`]) business.

use rodio::cpal;
use rodio::cpal::traits::{DeviceTrait, HostTrait};

/// A device as `warmup devices` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceInfo {
    /// The host's identifier (ALSA: `default`, `pulse`, `hw:CARD=Headset,DEV=0`, ...).
    pub id: String,
    /// The description the host gives.
    pub name: String,
    pub input: bool,
    pub rates: String,
}

/// ALSA's `null` device opens everywhere and throws the audio away: it is listed, never counted
/// as a microphone or a speaker.
const DISCARDS: &str = "null";

impl DeviceInfo {
    /// Whether audio really goes somewhere (not ALSA's `null`).
    pub fn usable(&self) -> bool {
        self.id != DISCARDS
    }

    /// Whether `--input NAME` / `--output NAME` means this device.
    pub fn matches(&self, name: &str) -> bool {
        matches(&self.id, &self.name, name)
    }
}

/// A name given by the user means a device whose identifier is exactly that, or whose
/// identifier or description contains it (case ignored).
fn matches(id: &str, description: &str, name: &str) -> bool {
    let name = name.to_lowercase();
    id == name || id.to_lowercase().contains(&name) || description.to_lowercase().contains(&name)
}

fn id_of(d: &cpal::Device) -> String {
    d.id().map(|i| i.id().to_string()).unwrap_or_default()
}

/// The device `name` means (see [`DeviceInfo::matches`]); an exact identifier wins over a
/// partial match. `None` for the host's default.
pub fn find_device(input: bool, name: Option<&str>) -> Option<cpal::Device> {
    let host = cpal::default_host();
    let Some(name) = name else {
        return if input {
            host.default_input_device()
        } else {
            host.default_output_device()
        };
    };
    let all: Vec<cpal::Device> = if input {
        host.input_devices()
            .map(Iterator::collect)
            .unwrap_or_default()
    } else {
        host.output_devices()
            .map(Iterator::collect)
            .unwrap_or_default()
    };
    let exact = all.iter().position(|d| id_of(d) == name);
    let index = exact.or_else(|| {
        all.iter()
            .position(|d| matches(&id_of(d), &d.to_string(), name))
    })?;
    all.into_iter().nth(index)
}

/// Every input and output device the default host knows.
pub fn list_devices() -> Vec<DeviceInfo> {
    let host = cpal::default_host();
    let mut out = Vec::new();
    // Summarised: ALSA's "null" device alone lists 64 channel counts over 1 Hz to 4 GHz.
    let rates = |cfgs: Vec<(u32, u32, u16)>| {
        let mut ranges: Vec<String> = cfgs
            .iter()
            .map(|(lo, hi, _)| {
                if lo == hi {
                    format!("{lo} Hz")
                } else {
                    format!("{lo}-{hi} Hz")
                }
            })
            .collect();
        ranges.sort();
        ranges.dedup();
        let ch_lo = cfgs.iter().map(|c| c.2).min().unwrap_or(0);
        let ch_hi = cfgs.iter().map(|c| c.2).max().unwrap_or(0);
        let channels = if ch_lo == ch_hi {
            format!("{ch_lo} ch")
        } else {
            format!("{ch_lo}-{ch_hi} ch")
        };
        format!("{}, {channels}", ranges.join(", "))
    };
    let mut add = |input: bool, cfgs: Vec<(u32, u32, u16)>, d: &cpal::Device| {
        // ALSA plugins that cannot open on their own list no configurations.
        if !cfgs.is_empty() {
            out.push(DeviceInfo {
                id: id_of(d),
                name: d.to_string(),
                input,
                rates: rates(cfgs),
            });
        }
    };
    let span = |c: cpal::SupportedStreamConfigRange| {
        (c.min_sample_rate(), c.max_sample_rate(), c.channels())
    };
    for d in host.input_devices().into_iter().flatten() {
        let cfgs = d
            .supported_input_configs()
            .map(|c| c.map(span).collect())
            .unwrap_or_default();
        add(true, cfgs, &d);
    }
    for d in host.output_devices().into_iter().flatten() {
        let cfgs = d
            .supported_output_configs()
            .map(|c| c.map(span).collect())
            .unwrap_or_default();
        add(false, cfgs, &d);
    }
    out
}

/// Every device, one line each, for error messages.
pub fn found_devices() -> Vec<String> {
    list_devices()
        .iter()
        .map(|d| {
            format!(
                "{} - {} ({}: {})",
                d.id,
                d.name,
                if d.input { "input" } else { "output" },
                d.rates
            )
        })
        .collect()
}

/// Whether a stream error means the device is gone (unplugged, its server stopped), rather than
/// a glitch it recovers from (an underrun or overrun, a busy device, a re-route).
pub fn is_loss(e: &cpal::Error) -> bool {
    use cpal::ErrorKind as K;
    let gone = matches!(
        e.kind(),
        K::DeviceNotAvailable | K::HostUnavailable | K::StreamInvalidated
    );
    if gone {
        tracing::warn!("audio device: {e}");
    } else {
        tracing::debug!("audio device: {e}");
    }
    gone
}
