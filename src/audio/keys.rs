//! Headset and media buttons as push-to-talk and as the kiosk's start button: the Linux input
//! devices (`/dev/input/event*`) that have a play/pause, phone or media key, read directly (no
//! desktop needed; the user must be allowed to read them: group `input`). Headsets plugged in
//! later are found by a rescan every 2 s; one that is unplugged is dropped.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Keys taken as a press: what headsets' in-line buttons, Bluetooth remotes and keyboards' media
/// keys send (codes from linux/input-event-codes.h).
pub const BUTTON_KEYS: [(u16, &str); 6] = [
    (164, "KEY_PLAYPAUSE"),
    (200, "KEY_PLAYCD"),
    (201, "KEY_PAUSECD"),
    (226, "KEY_MEDIA"),
    (169, "KEY_PHONE"),
    (582, "KEY_VOICECOMMAND"),
];

const EV_KEY: u16 = 1;
const PRESSED: i32 = 1;

/// An input device with at least one of [`BUTTON_KEYS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ButtonDevice {
    pub name: String,
    /// `/dev/input/eventN`.
    pub path: PathBuf,
}

/// The devices in `/proc/bus/input/devices` text that have a button key. `word_bits` is the
/// kernel's `long` size: the key bitmap is printed in words of that size, most significant first.
pub fn button_devices(proc_text: &str, word_bits: u32) -> Vec<ButtonDevice> {
    proc_text
        .split("\n\n")
        .filter_map(|block| {
            let mut name = None;
            let mut event = None;
            let mut keys = None;
            for line in block.lines() {
                if let Some(n) = line.strip_prefix("N: Name=") {
                    name = Some(n.trim_matches('"').to_string());
                } else if let Some(h) = line.strip_prefix("H: Handlers=") {
                    event = h.split_whitespace().find(|w| w.starts_with("event"));
                } else if let Some(k) = line.strip_prefix("B: KEY=") {
                    keys = Some(k);
                }
            }
            let path = Path::new("/dev/input").join(event?);
            has_button(keys?, word_bits).then(|| ButtonDevice {
                name: name.unwrap_or_default(),
                path,
            })
        })
        .collect()
}

fn has_button(bitmap: &str, word_bits: u32) -> bool {
    let words: Vec<u64> = bitmap
        .split_whitespace()
        .rev()
        .map(|w| u64::from_str_radix(w, 16).unwrap_or(0))
        .collect();
    BUTTON_KEYS.iter().any(|(code, _)| {
        let (word, bit) = (
            usize::from(*code) / word_bits as usize,
            u32::from(*code) % word_bits,
        );
        words.get(word).is_some_and(|w| w >> bit & 1 == 1)
    })
}

/// The running kernel's word size, from its machine name (a 32-bit user space may run on a 64-bit
/// kernel, as Raspberry Pi OS does on a Pi 4).
fn kernel_word_bits() -> u32 {
    let machine = std::fs::read_to_string("/proc/sys/kernel/arch").unwrap_or_default();
    if machine.contains("64") || machine.trim() == "s390x" {
        64
    } else if machine.trim().is_empty() {
        usize::BITS
    } else {
        32
    }
}

/// Sends one message per button press read from `events` (the bytes of a `/dev/input/event*`
/// device) until it ends or fails. Returns how many presses were sent.
pub fn read_presses(mut events: impl Read, presses: &Sender<()>) -> usize {
    let size = std::mem::size_of::<libc::input_event>();
    let mut record = vec![0u8; size];
    let mut sent = 0;
    while events.read_exact(&mut record).is_ok() {
        // type, code and value are the last 8 bytes, after a timestamp whose size varies.
        let tail = &record[size - 8..];
        let kind = u16::from_ne_bytes([tail[0], tail[1]]);
        let code = u16::from_ne_bytes([tail[2], tail[3]]);
        let value = i32::from_ne_bytes([tail[4], tail[5], tail[6], tail[7]]);
        if kind == EV_KEY && value == PRESSED && BUTTON_KEYS.iter().any(|(c, _)| *c == code) {
            if presses.send(()).is_err() {
                break;
            }
            sent += 1;
        }
    }
    sent
}

/// Whether a button device is plugged in now.
pub fn any_button() -> bool {
    let text = std::fs::read_to_string("/proc/bus/input/devices").unwrap_or_default();
    !button_devices(&text, kernel_word_bits()).is_empty()
}

/// Watches every button device, now and as they are plugged in, sending a message per press.
pub fn watch_buttons(presses: Sender<()>) {
    let watched: Arc<Mutex<HashSet<PathBuf>>> = Arc::default();
    let word_bits = kernel_word_bits();
    let mut refused = HashSet::new();
    std::thread::spawn(move || loop {
        let text = std::fs::read_to_string("/proc/bus/input/devices").unwrap_or_default();
        for device in button_devices(&text, word_bits) {
            if watched.lock().is_ok_and(|w| w.contains(&device.path)) {
                continue;
            }
            match std::fs::File::open(&device.path) {
                Ok(file) => {
                    tracing::info!(name = %device.name, path = %device.path.display(), "button");
                    if let Ok(mut w) = watched.lock() {
                        w.insert(device.path.clone());
                    }
                    let (tx, watched) = (presses.clone(), Arc::clone(&watched));
                    std::thread::spawn(move || {
                        read_presses(file, &tx);
                        tracing::info!(name = %device.name, "button gone");
                        if let Ok(mut w) = watched.lock() {
                            w.remove(&device.path);
                        }
                    });
                }
                Err(e) => {
                    if refused.insert(device.path.clone()) {
                        tracing::warn!(
                            name = %device.name, path = %device.path.display(),
                            "cannot read this button ({e}); add the user to group input"
                        );
                    }
                }
            }
        }
        std::thread::sleep(Duration::from_secs(2));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A USB headset and a plain keyboard as /proc/bus/input/devices shows them (64-bit kernel).
    const PROC: &str = "I: Bus=0003 Vendor=0b0e Product=0412 Version=0111
N: Name=\"GN Netcom A/S Jabra EVOLVE 20 MS\"
P: Phys=usb-0000:01:00.0-1.3/input3
S: Sysfs=/devices/platform/scb/usb1/1-1/1-1.3/1-1.3:1.3/0003:0B0E:0412.0003/input/input4
U: Uniq=
H: Handlers=kbd event4 
B: PROP=0
B: EV=13
B: KEY=21000000000 e000000000000 0
B: MSC=10

I: Bus=0003 Vendor=046d Product=c31c Version=0110
N: Name=\"Logitech USB Keyboard\"
P: Phys=usb-0000:01:00.0-1.4/input0
H: Handlers=sysrq kbd leds event2 
B: PROP=0
B: EV=120013
B: KEY=e080ffdf01cfffff fffffffffffffffe
B: MSC=10
";

    #[test]
    fn finds_the_headset_not_the_plain_keyboard() {
        // The headset has mute and volume (113-115: word 1), play/pause (164: word 2, bit 36)
        // and phone (169: bit 41); the keyboard's keys all lie below 128.
        let found = button_devices(PROC, 64);
        assert_eq!(
            found,
            vec![ButtonDevice {
                name: "GN Netcom A/S Jabra EVOLVE 20 MS".into(),
                path: "/dev/input/event4".into()
            }]
        );
        assert!(button_devices("", 64).is_empty());
        assert!(button_devices("N: Name=\"x\"\nB: KEY=zz\n", 64).is_empty());
    }

    #[test]
    fn the_same_map_in_32_bit_words() {
        // KEY_PLAYPAUSE (164) alone: word 5, bit 4.
        let text = "N: Name=\"remote\"\nH: Handlers=event7\nB: KEY=10 0 0 0 0 0\n";
        assert_eq!(button_devices(text, 32).len(), 1);
        assert!(
            button_devices(text, 64).is_empty(),
            "bit 164 is not bit 324"
        );
    }

    fn event(kind: u16, code: u16, value: i32) -> Vec<u8> {
        let size = std::mem::size_of::<libc::input_event>();
        let mut bytes = vec![0u8; size - 8];
        bytes.extend(kind.to_ne_bytes());
        bytes.extend(code.to_ne_bytes());
        bytes.extend(value.to_ne_bytes());
        bytes
    }

    #[test]
    fn only_presses_of_button_keys_count() {
        let mut stream = Vec::new();
        for e in [
            event(EV_KEY, 164, 1), // play/pause down
            event(0, 0, 0),        // sync
            event(EV_KEY, 164, 2), // auto-repeat
            event(EV_KEY, 164, 0), // up
            event(EV_KEY, 30, 1),  // the A key
            event(4, 4, 164),      // a scan code report that happens to say 164
            event(EV_KEY, 169, 1), // phone (hook) button
        ] {
            stream.extend(e);
        }
        stream.extend([0u8; 5]); // a torn record at the end is ignored
        let (tx, rx) = std::sync::mpsc::channel();
        assert_eq!(read_presses(stream.as_slice(), &tx), 2);
        assert_eq!(rx.try_iter().count(), 2);
    }
}
