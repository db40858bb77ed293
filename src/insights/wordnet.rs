//! WordNet 3.0 (Debian `wordnet-base`, `/usr/share/wordnet`) as a thesaurus and a lemmatizer.
//! Senses in `index.*` are listed most frequent first, and each lemma carries a count of tagged
//! senses: synonyms come from a word's commonest senses in its commonest part of speech, ranked by
//! how common each synonym is, so "really" gets "truly", not a botanical sense.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where Debian installs the database.
pub const DEFAULT_DIR: &str = "/usr/share/wordnet";

const POS: [(&str, char); 4] = [("noun", 'n'), ("verb", 'v'), ("adj", 'a'), ("adv", 'r')];

/// Why the thesaurus cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("WordNet not found in {dir} ({why}): install it with `sudo apt-get install wordnet-base`")]
pub struct WordNetError {
    pub dir: PathBuf,
    pub why: String,
}

#[derive(Debug, Clone)]
struct Entry {
    /// Senses tagged in the SemCor corpus: how common the word is in this part of speech.
    tagged: u32,
    offsets: Vec<u64>,
}

/// The loaded database (indexes in memory, synsets read from the data files on demand).
pub struct WordNet {
    dir: PathBuf,
    index: [HashMap<String, Entry>; 4],
    exceptions: [HashMap<String, String>; 4],
    data: [Vec<u8>; 4],
}

impl WordNet {
    /// Loads the database from `dir`.
    ///
    /// # Errors
    /// [`WordNetError`] naming the package to install.
    pub fn load(dir: &Path) -> Result<Self, WordNetError> {
        let err = |why: String| WordNetError {
            dir: dir.to_path_buf(),
            why,
        };
        let mut index: [HashMap<String, Entry>; 4] = Default::default();
        let mut exceptions: [HashMap<String, String>; 4] = Default::default();
        let mut data: [Vec<u8>; 4] = Default::default();
        for (i, (name, _)) in POS.iter().enumerate() {
            let text = std::fs::read_to_string(dir.join(format!("index.{name}")))
                .map_err(|e| err(format!("index.{name}: {e}")))?;
            for line in text.lines().filter(|l| !l.starts_with(' ')) {
                let f: Vec<&str> = line.split(' ').collect();
                // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt offsets...
                let (Some(lemma), Some(p_cnt)) =
                    (f.first(), f.get(3).and_then(|s| s.parse::<usize>().ok()))
                else {
                    continue;
                };
                let Some(tagged) = f.get(5 + p_cnt).and_then(|s| s.parse().ok()) else {
                    continue;
                };
                let offsets = f[6 + p_cnt..]
                    .iter()
                    .filter_map(|s| s.parse().ok())
                    .collect();
                index[i].insert(lemma.to_string(), Entry { tagged, offsets });
            }
            if let Ok(exc) = std::fs::read_to_string(dir.join(format!("{name}.exc"))) {
                for line in exc.lines() {
                    let mut f = line.split(' ');
                    if let (Some(form), Some(base)) = (f.next(), f.next()) {
                        exceptions[i].insert(form.to_string(), base.to_string());
                    }
                }
            }
            data[i] = std::fs::read(dir.join(format!("data.{name}")))
                .map_err(|e| err(format!("data.{name}: {e}")))?;
        }
        Ok(WordNet {
            dir: dir.to_path_buf(),
            index,
            exceptions,
            data,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The base form of `word` (lower case) in part of speech `p` (0 noun, 1 verb, 2 adj,
    /// 3 adv), by WordNet's exception lists and suffix rules ("morphy").
    fn base_in(&self, word: &str, p: usize) -> Option<String> {
        if self.index[p].contains_key(word) {
            return Some(word.to_string());
        }
        if let Some(b) = self.exceptions[p].get(word) {
            return Some(b.clone());
        }
        let rules: &[(&str, &str)] = match p {
            0 => &[
                ("ies", "y"),
                ("ses", "s"),
                ("xes", "x"),
                ("zes", "z"),
                ("ches", "ch"),
                ("shes", "sh"),
                ("men", "man"),
                ("s", ""),
            ],
            1 => &[
                ("ies", "y"),
                ("es", "e"),
                ("es", ""),
                ("ed", "e"),
                ("ed", ""),
                ("ing", "e"),
                ("ing", ""),
                ("s", ""),
            ],
            2 => &[("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
            _ => &[],
        };
        rules.iter().find_map(|(suffix, repl)| {
            let stem = word.strip_suffix(suffix)?;
            let cand = format!("{stem}{repl}");
            // "testing" -> "test" also needs doubled consonants undone: "planned" -> "plan".
            let undoubled = {
                let b = stem.as_bytes();
                (b.len() > 2 && b[b.len() - 1] == b[b.len() - 2] && repl.is_empty())
                    .then(|| stem[..stem.len() - 1].to_string())
            };
            [Some(cand), undoubled]
                .into_iter()
                .flatten()
                .find(|c| c.len() > 1 && self.index[p].contains_key(c))
        })
    }

    /// The word's base form, preferring a verb or noun reading ("tested", "testing", "tests"
    /// all give "test"), or the word itself if WordNet does not know it.
    pub fn lemma(&self, word: &str) -> String {
        let w = word.to_lowercase();
        // "testing" is also a noun in WordNet, but in an answer it is the verb's inflection.
        if w.ends_with("ing") || w.ends_with("ed") {
            if let Some(b) = self.base_in(&w, 1).filter(|b| *b != w) {
                return b;
            }
        }
        let mut best: Option<(u32, String)> = None;
        for p in 0..4 {
            if let Some(b) = self.base_in(&w, p) {
                let tagged = self.index[p].get(&b).map_or(0, |e| e.tagged);
                if best.as_ref().is_none_or(|(t, _)| tagged > *t) {
                    best = Some((tagged, b));
                }
            }
        }
        best.map_or(w, |(_, b)| b)
    }

    /// Up to `n` common synonyms of `word`, from its commonest part of speech.
    pub fn synonyms(&self, word: &str, n: usize) -> Vec<String> {
        let w = word.to_lowercase();
        let Some((p, base, entry)) = (0..4)
            .filter_map(|p| {
                let b = self.base_in(&w, p)?;
                let e = self.index[p].get(&b)?;
                Some((p, b, e))
            })
            .max_by_key(|(_, _, e)| e.tagged)
        else {
            return Vec::new();
        };
        let mut found: Vec<(u32, usize, String)> = Vec::new();
        // The two commonest senses: further ones are rare or far off.
        for (rank, off) in entry.offsets.iter().take(2).enumerate() {
            for lemma in self.synset_words(p, *off) {
                let l = lemma.replace('_', " ").to_lowercase();
                if l == base || l.contains(&base) || base.contains(&l) || l.contains(' ') {
                    continue;
                }
                let common = self.index[p]
                    .get(&lemma.to_lowercase())
                    .map_or(0, |e| e.tagged);
                if common == 0 || found.iter().any(|(_, _, x)| *x == l) {
                    continue;
                }
                found.push((common, rank, l));
            }
        }
        found.sort_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        found.into_iter().take(n).map(|(_, _, l)| l).collect()
    }

    /// The words of the synset at `offset` in part of speech `p`.
    fn synset_words(&self, p: usize, offset: u64) -> Vec<String> {
        let data = &self.data[p];
        let start = offset as usize;
        if start >= data.len() {
            return Vec::new();
        }
        let end = data[start..]
            .iter()
            .position(|b| *b == b'\n')
            .map_or(data.len(), |i| start + i);
        let line = String::from_utf8_lossy(&data[start..end]);
        let f: Vec<&str> = line.split(' ').collect();
        let Some(count) = f.get(3).and_then(|s| usize::from_str_radix(s, 16).ok()) else {
            return Vec::new();
        };
        (0..count)
            .filter_map(|i| f.get(4 + 2 * i))
            .map(|w| {
                // Adjectives may carry a marker such as "(a)".
                w.split('(').next().unwrap_or(w).to_string()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wn() -> WordNet {
        WordNet::load(Path::new(DEFAULT_DIR)).expect("wordnet-base installed (scripts/setup.sh)")
    }

    #[test]
    fn synonyms_come_from_the_common_sense() {
        let wn = wn();
        let really = wn.synonyms("really", 3);
        assert!(really.contains(&"truly".to_string()), "{really:?}");
        let team = wn.synonyms("improve", 3);
        assert!(
            team.contains(&"better".to_string()) || team.contains(&"ameliorate".to_string()),
            "{team:?}"
        );
        assert!(wn.synonyms("xqzt", 3).is_empty());
    }

    #[test]
    fn inflections_group_under_one_lemma() {
        let wn = wn();
        for w in ["tested", "testing", "tests", "test"] {
            assert_eq!(wn.lemma(w), "test", "{w}");
        }
        assert_eq!(wn.lemma("ran"), "run");
        assert_eq!(wn.lemma("planned"), "plan");
        assert_eq!(wn.lemma("servers"), "server");
        assert_eq!(wn.lemma("SIEM"), "siem");
    }

    #[test]
    fn a_missing_database_says_what_to_install() {
        let err = WordNet::load(Path::new("/nonexistent"))
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("apt-get install wordnet-base"), "{err}");
    }
}
