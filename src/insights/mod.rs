//! Insights on an answer: pure functions from a transcript with word timings, the question and
//! the field to facts about the answer, and the short spoken feedback made from them. No I/O,
//! no clock: the thesaurus and glossaries are loaded once at the edge ([`Context::load`]).

mod feedback;
pub mod fillers;
mod pace;
pub mod scorer;
pub mod talking_points;
pub mod terms;
pub mod wordnet;
pub mod words;

use std::collections::HashMap;
use std::path::Path;

pub use feedback::{changes, detail, feedback};
pub use pace::{delivery, Delivery};
pub use talking_points::TalkingPoint;

use serde::Serialize;

use crate::bank::{Kind, Question};
use crate::transcript::Transcript;
use fillers::{Fillers, Hedges};
use terms::{Glossary, JobTerms};
use wordnet::WordNet;
use words::UsedWord;

/// What the analysis needs besides the answer: the thesaurus and the field glossaries.
#[derive(Default)]
pub struct Context {
    pub wordnet: Option<WordNet>,
    pub glossaries: HashMap<String, Glossary>,
}

impl Context {
    /// The glossary of `field`; a field without one has none (an empty glossary, not a copy).
    pub fn glossary(&self, field: &str) -> &Glossary {
        static EMPTY: std::sync::OnceLock<Glossary> = std::sync::OnceLock::new();
        self.glossaries
            .get(field)
            .unwrap_or_else(|| EMPTY.get_or_init(Glossary::default))
    }

    /// WordNet from its Debian location (without it there are no synonyms: a warning, not an
    /// error), and every glossary in `glossary_dir`.
    ///
    /// # Errors
    /// An invalid glossary file, with file:line:column.
    pub fn load(glossary_dir: &Path) -> Result<Context, String> {
        let wordnet = match WordNet::load(Path::new(wordnet::DEFAULT_DIR)) {
            Ok(w) => Some(w),
            Err(e) => {
                tracing::warn!("{e}; answers will get no synonyms");
                None
            }
        };
        Ok(Context {
            wordnet,
            glossaries: terms::load_all(glossary_dir)?,
        })
    }
}

/// Talking points covered, and the others a strong answer of this kind usually covers.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TalkingPoints {
    pub covered: Vec<TalkingPoint>,
    pub to_consider: Vec<TalkingPoint>,
}

/// Does a behavioral story have its parts?
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Star {
    pub situation: bool,
    pub task: bool,
    pub action: bool,
    pub result: bool,
}

/// Everything known about one answer (the `insights` object of the JSON and the report).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Insights {
    pub talking_points: TalkingPoints,
    pub most_used_words: Vec<UsedWord>,
    pub job_terms: JobTerms,
    pub fillers: Fillers,
    pub hedges: Hedges,
    pub word_count: usize,
    #[serde(flatten)]
    pub delivery: Delivery,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub star: Option<Star>,
}

/// Insights on an answer to `q`.
pub fn analyze(t: &Transcript, q: &Question, ctx: &Context) -> Insights {
    let words: Vec<&str> = t.words.iter().map(|w| w.text.as_str()).collect();
    let text = words.join(" ");
    let delivery = delivery(t);
    let minutes = delivery.duration_s / 60.0;
    // The answer is read once, and the question's points and the story's parts are decided
    // together (each point is decided on its own, so asking for both at once changes nothing).
    let doc = talking_points::Doc::new(&text, &q.text);
    let star_points = [
        TalkingPoint::Situation,
        TalkingPoint::Task,
        TalkingPoint::Action,
        TalkingPoint::Result,
    ];
    let mut asked = q.talking_points.clone();
    if q.kind == Kind::Behavioral {
        asked.extend(star_points.iter().filter(|p| !q.talking_points.contains(p)));
    }
    let found = talking_points::covered_by(scorer::Model::builtin(), &doc, &asked);
    let (covered, to_consider) = q.talking_points.iter().partition(|p| found.contains(p));
    let star = (q.kind == Kind::Behavioral).then(|| {
        let has = |p: TalkingPoint| found.contains(&p);
        Star {
            situation: has(TalkingPoint::Situation),
            task: has(TalkingPoint::Task),
            action: has(TalkingPoint::Action),
            result: has(TalkingPoint::Result),
        }
    });
    let glossary = ctx.glossary(&q.field);
    Insights {
        talking_points: TalkingPoints {
            covered,
            to_consider,
        },
        most_used_words: words::most_used(&words, ctx.wordnet.as_ref(), 3),
        job_terms: glossary.job_terms(&text, &q.text, &q.terms, 5),
        fillers: fillers::fillers(&words, minutes),
        hedges: fillers::hedges(&words),
        word_count: t.words.len(),
        delivery,
        star,
    }
}
