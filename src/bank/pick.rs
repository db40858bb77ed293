//! Choosing a session's questions: the bank's mix (two background, one behavioral, two technical
//! by default), drawn with a seeded generator so a `--seed` replays the same interview and a new
//! seed gives a different one.

use super::{Bank, Kind, Question};

/// What to practise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// A whole interview in the bank's mix.
    Session,
    /// One question by id.
    Question(String),
    /// Up to `n` questions of one kind.
    Kind(Kind, usize),
    /// A shorter interview (a kiosk visit): `n` questions from the bank's mix, one of each
    /// kind in turn.
    Short(usize),
}

/// SplitMix64: tiny, seedable, good enough to shuffle a few dozen questions.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// The questions for one session, in interview order (background, behavioral, technical).
/// Returns an empty list when `Pick::Question` names no question in this bank.
pub fn pick_session(bank: &Bank, pick: &Pick, seed: u64) -> Vec<Question> {
    pick_session_ranked(bank, pick, seed, &|_| 0)
}

/// As [`pick_session`], but of each kind the questions `rank` scores highest come first (the
/// seed still orders those of equal rank; all equal: the same questions as `pick_session`).
pub fn pick_session_ranked(
    bank: &Bank,
    pick: &Pick,
    seed: u64,
    rank: &dyn Fn(&Question) -> usize,
) -> Vec<Question> {
    let mut rng = Rng(seed);
    let of_kind = |kind: Kind, n: usize, rng: &mut Rng| {
        let mut qs: Vec<&Question> = bank.questions.iter().filter(|q| q.kind == kind).collect();
        rng.shuffle(&mut qs);
        // Stable, and each question ranked once (a rank may read a glossary).
        qs.sort_by_cached_key(|q| std::cmp::Reverse(rank(q)));
        qs.into_iter().take(n).cloned().collect::<Vec<_>>()
    };
    match pick {
        Pick::Question(id) => bank
            .questions
            .iter()
            .filter(|q| &q.id == id)
            .cloned()
            .collect(),
        Pick::Kind(kind, n) => of_kind(*kind, *n, &mut rng),
        Pick::Session => Kind::ALL
            .iter()
            .flat_map(|k| of_kind(*k, bank.mix.get(k).copied().unwrap_or(0), &mut rng))
            .collect(),
        Pick::Short(n) => {
            let mut per_kind: Vec<std::collections::VecDeque<Question>> = Kind::ALL
                .iter()
                .map(|k| of_kind(*k, bank.mix.get(k).copied().unwrap_or(0), &mut rng).into())
                .collect();
            let mut chosen = Vec::new();
            while chosen.len() < *n && per_kind.iter().any(|q| !q.is_empty()) {
                for q in per_kind.iter_mut() {
                    if chosen.len() < *n {
                        chosen.extend(q.pop_front());
                    }
                }
            }
            // Interview order: background first, technical last.
            chosen.sort_by_key(|q| Kind::ALL.iter().position(|k| *k == q.kind));
            chosen
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn bank() -> Bank {
        let mut questions = Vec::new();
        for (kind, n) in [
            (Kind::Background, 6),
            (Kind::Behavioral, 6),
            (Kind::Technical, 10),
        ] {
            for i in 0..n {
                questions.push(Question {
                    id: format!("{kind}-{i}"),
                    field: "t".into(),
                    kind,
                    text: format!("{kind} question {i}?"),
                    talking_points: vec![],
                    terms: vec![],
                });
            }
        }
        Bank {
            field: "t".into(),
            title: "T".into(),
            path: "t.toml".into(),
            mix: super::super::default_mix(),
            questions,
        }
    }

    #[test]
    fn ranked_questions_come_first_and_equal_ranks_keep_the_seed_order() {
        let b = bank();
        // Technical 3 and 8 rank highest (8 above 3); every seed picks them.
        let rank = |q: &Question| match q.id.as_str() {
            "technical-8" => 2,
            "technical-3" => 1,
            _ => 0,
        };
        for seed in 0..20 {
            let s = pick_session_ranked(&b, &Pick::Session, seed, &rank);
            let tech: Vec<&str> = s
                .iter()
                .filter(|q| q.kind == Kind::Technical)
                .map(|q| q.id.as_str())
                .collect();
            assert_eq!(tech, ["technical-8", "technical-3"], "seed {seed}");
            // The rest as an unranked pick with that seed.
            let plain = pick_session(&b, &Pick::Session, seed);
            assert_eq!(s[..3], plain[..3], "seed {seed}");
        }
        assert_eq!(
            pick_session_ranked(&b, &Pick::Session, 9, &|_| 0),
            pick_session(&b, &Pick::Session, 9)
        );
    }

    #[test]
    fn a_session_has_the_mix_in_order_and_a_seed_replays_it() {
        let b = bank();
        let s = pick_session(&b, &Pick::Session, 7);
        let kinds: Vec<Kind> = s.iter().map(|q| q.kind).collect();
        use Kind::*;
        assert_eq!(
            kinds,
            [Background, Background, Behavioral, Technical, Technical]
        );
        assert_eq!(s, pick_session(&b, &Pick::Session, 7));
        let distinct: std::collections::BTreeSet<Vec<String>> = (0..20)
            .map(|seed| {
                pick_session(&b, &Pick::Session, seed)
                    .into_iter()
                    .map(|q| q.id)
                    .collect()
            })
            .collect();
        assert!(
            distinct.len() >= 15,
            "only {} different sessions in 20",
            distinct.len()
        );
    }

    #[test]
    fn drills_one_question_or_one_kind() {
        let b = bank();
        let one = pick_session(&b, &Pick::Question("technical-3".into()), 1);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].id, "technical-3");
        assert!(pick_session(&b, &Pick::Question("nope".into()), 1).is_empty());
        let k = pick_session(&b, &Pick::Kind(Kind::Behavioral, 5), 3);
        assert_eq!(k.len(), 5);
        assert!(k.iter().all(|q| q.kind == Kind::Behavioral));
        let mut custom = b.clone();
        custom.mix = BTreeMap::from([(Kind::Background, 2), (Kind::Behavioral, 3)]);
        assert_eq!(pick_session(&custom, &Pick::Session, 1).len(), 5);
        let short: Vec<Kind> = pick_session(&b, &Pick::Short(3), 4)
            .iter()
            .map(|q| q.kind)
            .collect();
        assert_eq!(short, [Kind::Background, Kind::Behavioral, Kind::Technical]);
        assert_eq!(
            pick_session(&b, &Pick::Short(9), 4).len(),
            5,
            "at most the mix"
        );
    }
}
