//! `warmup devices`: the audio devices with their rates, and whether a session could run on
//! them ([`crate::exit::NO_DEVICE`] when not).

use std::process::ExitCode;

use super::Settings;
use crate::audio::devices::DeviceInfo;

/// Lists the audio devices with their rates.
pub(super) fn devices(settings: &Settings) -> ExitCode {
    let devices = crate::audio::devices::list_devices();
    for d in &devices {
        crate::out!(
            "{:<6} {} - {}  [{}]{}",
            if d.input { "input" } else { "output" },
            d.id,
            d.name,
            d.rates,
            if d.usable() { "" } else { "  (discards audio)" }
        );
    }
    match missing_device(
        &devices,
        settings.input.as_deref(),
        settings.output.as_deref(),
    ) {
        None => ExitCode::SUCCESS,
        Some(what) => {
            crate::out!("{what}. `warmup demo` runs a session without a sound card.");
            ExitCode::from(crate::exit::NO_DEVICE)
        }
    }
}

/// What a session would lack on these devices: a usable input and output (ALSA's `null` is not
/// one), or the ones the configuration names.
fn missing_device(
    devices: &[DeviceInfo],
    input: Option<&str>,
    output: Option<&str>,
) -> Option<String> {
    let lacks = |is_input: bool, name: Option<&str>| {
        !devices
            .iter()
            .any(|d| d.input == is_input && d.usable() && name.is_none_or(|n| d.matches(n)))
    };
    let describe = |kind: &str, name: Option<&str>| match name {
        Some(n) => format!("no {kind} device matches {n:?}"),
        None => format!("no {kind} device"),
    };
    let missing: Vec<String> = [(true, input, "input"), (false, output, "output")]
        .into_iter()
        .filter(|(is_input, name, _)| lacks(*is_input, *name))
        .map(|(_, name, kind)| describe(kind, name))
        .collect();
    (!missing.is_empty()).then(|| {
        let mut text = missing.join(" and ");
        text[..1].make_ascii_uppercase();
        text
    })
}

#[cfg(test)]
mod tests {
    use super::missing_device;
    use crate::audio::devices::DeviceInfo;

    fn device(id: &str, name: &str, input: bool) -> DeviceInfo {
        DeviceInfo {
            id: id.into(),
            name: name.into(),
            input,
            rates: "48000 Hz, 2 ch".into(),
        }
    }

    fn null() -> Vec<DeviceInfo> {
        vec![
            device("null", "Discard all samples", true),
            device("null", "Discard all samples", false),
        ]
    }

    #[test]
    fn alsa_null_alone_is_no_sound_card() {
        assert_eq!(
            missing_device(&null(), None, None).as_deref(),
            Some("No input device and no output device")
        );
    }

    #[test]
    fn a_real_card_beside_null_is_enough() {
        let mut all = null();
        all.push(device("pulse", "PulseAudio Sound Server", true));
        assert_eq!(
            missing_device(&all, None, None).as_deref(),
            Some("No output device")
        );
        all.push(device("pulse", "PulseAudio Sound Server", false));
        assert_eq!(missing_device(&all, None, None), None);
    }

    #[test]
    fn configured_names_must_be_there() {
        let mut all = null();
        all.push(device(
            "hw:CARD=Headset,DEV=0",
            "Jabra Evolve 20, USB Audio",
            true,
        ));
        all.push(device("default", "Default Audio Device", false));
        // By part of the description, any case, and by the exact identifier.
        assert_eq!(missing_device(&all, Some("jabra"), Some("default")), None);
        assert_eq!(
            missing_device(&all, Some("hw:CARD=Headset,DEV=0"), None),
            None
        );
        assert_eq!(
            missing_device(&all, Some("Plantronics"), Some("null")).as_deref(),
            Some("No input device matches \"Plantronics\" and no output device matches \"null\"")
        );
    }
}
