//! Measurements behind `folio bench`: the password KDF, unlocking apart from the KDF, and
//! SQLCipher against plain SQLite on one workload. The CLI prints them beside a saved
//! baseline as ratios; tests never assert on time.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{params, Connection};

use crate::crypto::{derive_kek, KdfParams};
use crate::db::{self, map_err, ConnectionOptions};
use crate::secret::{Dek, Password};
use crate::vault::{CreateOptions, Vault};
use crate::Result;

/// One named measurement, in milliseconds (lower is better).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Measurement {
    pub name: String,
    pub millis: f64,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn best_of<F: FnMut() -> Result<Duration>>(runs: usize, mut f: F) -> Result<Duration> {
    let mut best = Duration::MAX;
    for _ in 0..runs.max(1) {
        best = best.min(f()?);
    }
    Ok(best)
}

/// Runs every measurement in a scratch folder `work` (which must be empty). Each figure is
/// the best of `runs` repetitions. `clients` sizes the practice for the client-list figures
/// (0 skips them; the issue's target is 1,500); `notes` the notes searched over those
/// clients (0 skips the note-search figures; the target is 100,000).
pub fn run(work: &Path, rows: u32, runs: usize, clients: usize, notes: usize) -> Result<Vec<Measurement>> {
    let mut out = Vec::new();
    let floor = KdfParams::FLOOR;
    let kdf = best_of(runs, || {
        let t = Instant::now();
        derive_kek(b"benchmark password", &[1u8; 16], floor)?;
        Ok(t.elapsed())
    })?;
    out.push(Measurement { name: "kdf_argon2id_64mib_t3".into(), millis: ms(kdf) });

    let vault_dir = work.join("vault");
    let password = Password::new(b"benchmark tangerine lighthouse".to_vec());
    Vault::create(&vault_dir, "Benchmark Practice", &password, &CreateOptions { kdf_target: Duration::ZERO })?
        .lock()?;
    let unlock = best_of(runs, || {
        let t = Instant::now();
        Vault::unlock(&vault_dir, &password)?.lock()?;
        Ok(t.elapsed())
    })?;
    out.push(Measurement { name: "unlock_minus_kdf".into(), millis: ms(unlock.saturating_sub(kdf)) });

    if clients > 0 {
        let mut vault = Vault::unlock(&vault_dir, &password)?;
        let t = Instant::now();
        crate::demo::fill_without_notes(&mut vault, clients, 1)?;
        out.push(Measurement { name: format!("demo_fill_{clients}_clients"), millis: ms(t.elapsed()) });
        use crate::clients::{list, ClientFilter, ClientSort};
        let filters = [
            ("client_list_all", ClientFilter::default()),
            ("client_list_search", ClientFilter { search: "wren".into(), ..Default::default() }),
            (
                "client_list_next_session",
                ClientFilter { sort: ClientSort::NextSession.as_str().into(), ..Default::default() },
            ),
        ];
        for (label, filter) in filters {
            let took = best_of(runs, || {
                let t = Instant::now();
                list(&vault, &filter)?;
                Ok(t.elapsed())
            })?;
            out.push(Measurement { name: format!("{label}_{clients}"), millis: ms(took) });
        }
        // The identifier check runs on every pause in typing: building it for a client (all
        // the other clients' names included) and checking a 5,000-word note.
        let code = list(&vault, &ClientFilter::default())?.first().map(|c| c.code.clone()).unwrap_or_default();
        let t = Instant::now();
        let checker = crate::notes::checker_for(&vault, &code)?;
        out.push(Measurement { name: format!("identifier_checker_build_{clients}"), millis: ms(t.elapsed()) });
        let note = five_thousand_words();
        let took = best_of(runs, || {
            let t = Instant::now();
            checker.check(&note);
            Ok(t.elapsed())
        })?;
        out.push(Measurement { name: format!("identifier_check_5000_words_{clients}"), millis: ms(took) });
        // The retention screen: every client's records against the policy, grouped.
        crate::retention::set_preset(&mut vault, "bedfordshire")?;
        let took = best_of(runs, || {
            let t = Instant::now();
            crate::retention::overview(&vault)?;
            Ok(t.elapsed())
        })?;
        out.push(Measurement { name: format!("retention_overview_{clients}"), millis: ms(took) });
        if notes > 0 {
            out.extend(note_search(&mut vault, notes, runs)?);
        }
        vault.lock()?;
    }

    let dek = Dek::random()?;
    let variants = [("plain_sqlite", None), ("sqlcipher", Some(false)), ("sqlcipher_memory_security", Some(true))];
    for (i, (label, cipher_memory_security)) in variants.into_iter().enumerate() {
        let (mut best_insert, mut best_scan) = (Duration::MAX, Duration::MAX);
        for run in 0..runs.max(1) {
            let path = work.join(format!("workload-{i}-{run}.db"));
            let conn: Connection = match cipher_memory_security {
                None => db::open_plain(&path)?,
                Some(on) => {
                    db::open(&path, &dek, db::OpenMode::Create, ConnectionOptions { cipher_memory_security: on })?
                }
            };
            let (insert, scan) = workload(&conn, rows)?;
            best_insert = best_insert.min(insert);
            best_scan = best_scan.min(scan);
        }
        out.push(Measurement { name: format!("{label}_insert_{rows}"), millis: ms(best_insert) });
        out.push(Measurement { name: format!("{label}_scan_{rows}"), millis: ms(best_scan) });
    }
    Ok(out)
}

/// Inserts `rows` small rows in one transaction, then scans them with a LIKE filter
/// (a full scan) five times on a fresh connection cache.
fn workload(conn: &Connection, rows: u32) -> Result<(Duration, Duration)> {
    conn.execute_batch("CREATE TABLE IF NOT EXISTS w (id INTEGER PRIMARY KEY, code TEXT, body TEXT)")
        .map_err(map_err)?;
    let t = Instant::now();
    conn.execute_batch("BEGIN").map_err(map_err)?;
    {
        let mut stmt = conn.prepare("INSERT INTO w (code, body) VALUES (?1, ?2)").map_err(map_err)?;
        for i in 0..rows {
            stmt.execute(params![format!("C-{i:05}"), format!("session {i}: themes of play, drawing and music")])
                .map_err(map_err)?;
        }
    }
    conn.execute_batch("COMMIT").map_err(map_err)?;
    let insert = t.elapsed();
    let t = Instant::now();
    for _ in 0..5 {
        let _: i64 =
            conn.query_row("SELECT count(*) FROM w WHERE body LIKE '%music%7%'", [], |r| r.get(0)).map_err(map_err)?;
    }
    Ok((insert, t.elapsed()))
}

/// A 5,000-word session note of ordinary clinical prose (dates, numbers and capitalised
/// words included, so every pattern has work to do).
fn five_thousand_words() -> String {
    const SENTENCE: &str =
        "On 14/10/2026 the Client chose paper and pastels, drew a boat on a grey sea, and talked about moving house; \
        Engagement was good for 45 minutes, with 3 pauses, and the Plan is to return to the Boat next week. ";
    let words = SENTENCE.split_whitespace().count();
    SENTENCE.repeat(5000 / words + 1)
}

// ---------------------------------------------------------------------------------------
// Note search: a practice's ten years of notes, searched as a therapist would.

/// Deterministic generator for benchmark text (SplitMix64; not for keys).
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % (n.max(1) as u64)) as usize
    }

    /// An index skewed towards the start (the common words): roughly Zipf-like.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * n as f64) as usize % n.max(1)
    }
}

/// Everyday words of clinical notes, most common first.
const COMMON_WORDS: &[&str] = &[
    "the",
    "and",
    "to",
    "of",
    "a",
    "in",
    "session",
    "was",
    "with",
    "client",
    "about",
    "then",
    "for",
    "on",
    "it",
    "that",
    "therapist",
    "some",
    "when",
    "this",
    "played",
    "drew",
    "made",
    "talked",
    "school",
    "home",
    "felt",
    "feeling",
    "again",
    "quiet",
    "loud",
    "paper",
    "paint",
    "drum",
    "music",
    "picture",
    "chose",
    "wanted",
    "said",
    "ending",
    "time",
    "week",
    "next",
    "plan",
    "worry",
    "angry",
    "sad",
    "calm",
    "safe",
    "friend",
    "friends",
    "family",
    "change",
    "moving",
    "loss",
    "play",
    "rhythm",
    "beat",
    "piano",
    "xylophone",
    "clay",
    "pastels",
    "charcoal",
    "collage",
    "sand",
    "figures",
    "boat",
    "house",
    "storm",
    "sea",
    "garden",
    "volcano",
    "bridge",
    "castle",
    "nest",
    "rocket",
    "monster",
    "dog",
    "cat",
    "tree",
    "rain",
    "sun",
    "night",
    "dark",
    "light",
    "colour",
    "red",
    "blue",
    "black",
    "green",
    "shape",
    "line",
    "circle",
    "layer",
    "mixed",
    "tore",
    "glued",
    "built",
    "knocked",
    "down",
    "tower",
    "wall",
    "door",
    "window",
    "room",
    "space",
    "silence",
    "sound",
    "song",
    "sang",
    "voice",
    "turn",
    "taking",
    "pattern",
    "echo",
    "improvised",
    "pulse",
    "tempo",
    "fast",
    "slow",
    "soft",
    "high",
    "low",
    "guitar",
    "djembe",
    "glockenspiel",
    "chimes",
    "rainstick",
    "kalimba",
    "shakers",
    "trust",
    "control",
    "anger",
    "fear",
    "hope",
    "pride",
    "shame",
    "jealous",
    "lonely",
    "teacher",
    "class",
    "break",
    "lunch",
    "bus",
    "weekend",
    "holiday",
    "birthday",
    "brother",
    "sister",
    "grandmother",
    "grandfather",
    "cousin",
    "mum",
    "dad",
    "carer",
    "foster",
    "engaged",
    "engagement",
    "settled",
    "restless",
    "tired",
    "withdrawn",
    "curious",
    "playful",
    "tearful",
    "laughed",
    "smiled",
    "refused",
    "returned",
    "finished",
    "unfinished",
    "kept",
    "destroyed",
    "repaired",
    "hidden",
    "found",
    "lost",
    "goal",
    "review",
    "progress",
    "outcome",
    "boundary",
    "structure",
    "transition",
    "reminder",
];

/// Made-up words for the long tail: each rare, some found in a handful of notes only.
fn rare_word(i: usize) -> String {
    const ONSETS: &[&str] = &[
        "b", "br", "c", "d", "dr", "f", "g", "gl", "h", "k", "l", "m", "n", "p", "pl", "r", "s", "sk", "st", "t", "tr",
        "v", "w", "z",
    ];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou"];
    const CODAS: &[&str] = &["b", "ck", "d", "g", "l", "m", "n", "nd", "p", "r", "rt", "s", "st", "t", "x"];
    let (a, b) = (i % ONSETS.len(), (i / ONSETS.len()) % VOWELS.len());
    let (c, d) = ((i / (ONSETS.len() * VOWELS.len())) % CODAS.len(), i / (ONSETS.len() * VOWELS.len() * CODAS.len()));
    format!(
        "{}{}{}{}{}",
        ONSETS[a],
        VOWELS[b],
        CODAS[c],
        VOWELS[d % VOWELS.len()],
        CODAS[(d / VOWELS.len()) % CODAS.len()]
    )
}

/// A vocabulary of everyday words followed by 20,000 made-up ones.
fn vocabulary() -> Vec<String> {
    let mut words: Vec<String> = COMMON_WORDS.iter().map(|w| w.to_string()).collect();
    words.extend((0..20_000).map(rare_word));
    words
}

/// Text of `n` words drawn from the vocabulary, in sentences.
fn prose(gen: &mut Gen, vocab: &[String], n: usize) -> String {
    let mut out = String::with_capacity(n * 7);
    for i in 0..n {
        let word = &vocab[gen.skewed(vocab.len())];
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
        if gen.below(12) == 0 {
            out.push('.');
        }
    }
    out.push('.');
    out
}

const SESSION_HEADINGS: &[&str] =
    &["Themes", "Engagement", "Art or music made", "Risk", "Safeguarding", "Outcomes", "Plan"];

/// Fills the vault with `count` notes of 150 to 300 words over its clients and ten years
/// (mostly signed session notes), searches it with 135 varied queries, and returns the
/// build time and the queries' p50 and p95.
fn note_search(vault: &mut Vault, count: usize, runs: usize) -> Result<Vec<Measurement>> {
    use crate::notes::search::search;
    let started = Instant::now();
    let phrases = fill_notes(vault, count)?;
    let build = started.elapsed();
    let queries = note_queries(vault, &phrases)?;
    // One pass to warm the page cache, as a therapist's second search would find it.
    for form in &queries {
        search(vault, form)?;
    }
    let mut times: Vec<Duration> = Vec::with_capacity(queries.len());
    for form in &queries {
        times.push(best_of(runs, || {
            let t = Instant::now();
            search(vault, form)?;
            Ok(t.elapsed())
        })?);
    }
    times.sort();
    let at = |p: f64| times[((times.len() as f64 * p).ceil() as usize).clamp(1, times.len()) - 1];
    Ok(vec![
        Measurement { name: format!("note_search_build_{count}"), millis: ms(build) },
        Measurement { name: format!("note_search_p50_{count}"), millis: ms(at(0.50)) },
        Measurement { name: format!("note_search_p95_{count}"), millis: ms(at(0.95)) },
    ])
}

/// The benchmark's notes: `count` notes over the vault's clients and ten years, straight in
/// through the notes store, in transactions of 10,000 each with one audit entry (a
/// throwaway vault). Returns two-word phrases that occur in them.
pub fn fill_notes(vault: &mut Vault, count: usize) -> Result<Vec<String>> {
    use crate::audit::Action;
    use crate::clients::{list, ClientFilter};
    use crate::notes::rules::Section;
    use crate::notes::{store, NoteKind};
    use crate::vault::Record;

    let clients: Vec<(i64, i64)> =
        list(vault, &ClientFilter::default())?.into_iter().map(|c| (c.id, c.episode)).collect();
    if clients.is_empty() {
        return Ok(Vec::new());
    }
    let today = vault.today();
    let vocab = vocabulary();
    let mut gen = Gen(2026);
    let mut phrases: Vec<String> = Vec::new();
    const BATCH: usize = 10_000;
    let mut done = 0;
    while done < count {
        let batch = BATCH.min(count - done);
        vault.write(|tx| {
            let now = tx.now_utc();
            let mut first = None;
            for _ in 0..batch {
                let (client, episode) = clients[gen.below(clients.len())];
                let on = today - chrono::Days::new(gen.below(3650) as u64);
                let kind = match gen.below(100) {
                    0..=79 => NoteKind::SessionNote,
                    80..=87 => NoteKind::ProgressReview,
                    88..=91 => NoteKind::Assessment,
                    92..=94 => NoteKind::EndOfTherapy,
                    _ => NoteKind::Free,
                };
                let per = (150 + gen.below(151)) / 5;
                let sections: Vec<Section> = SESSION_HEADINGS
                    .iter()
                    .map(|h| {
                        let text = match *h {
                            "Risk" | "Safeguarding" if gen.below(50) > 0 => "No concerns noted.".to_string(),
                            "Risk" | "Safeguarding" => prose(&mut gen, &vocab, 20),
                            "Plan" => prose(&mut gen, &vocab, per / 2),
                            _ => prose(&mut gen, &vocab, per),
                        };
                        Section { heading: h.to_string(), text }
                    })
                    .collect();
                if phrases.len() < 40 && gen.below(100) == 0 {
                    let words: Vec<&str> = sections[0].text.split([' ', '.']).filter(|w| !w.is_empty()).collect();
                    if words.len() > 3 {
                        phrases.push(format!("\"{} {}\"", words[1], words[2]));
                    }
                }
                let id = store::insert_draft(tx, client, episode, None, kind, on, &sections, &now)?;
                first.get_or_insert(id);
                if gen.below(100) >= 5 {
                    store::insert_version(tx, id, 1, &sections, "[]", "", &now, tx.actor())?;
                    store::mark_signed(tx, id, &now, tx.actor())?;
                }
            }
            tx.record(Action::NoteDraftStarted, Record::new("note", first.unwrap_or_default()))
        })?;
        done += batch;
    }
    Ok(phrases)
}

/// The benchmark's 135 searches: common, middling and rare words, prefixes and phrases,
/// with and without a client, kind or date filter.
pub fn note_queries(vault: &Vault, phrases: &[String]) -> Result<Vec<crate::notes::search::SearchForm>> {
    use crate::clients::{list, ClientFilter};
    use crate::dates::format_uk;
    use crate::notes::search::SearchForm;

    let clients: Vec<String> = list(vault, &ClientFilter::default())?.into_iter().map(|c| c.code).collect();
    if clients.is_empty() {
        return Ok(Vec::new());
    }
    let today = vault.today();
    let vocab = vocabulary();
    let mut gen = Gen(1130);
    let mut queries: Vec<SearchForm> = Vec::new();
    let word = |gen: &mut Gen, from: usize, to: usize| vocab[from + gen.below(to - from)].clone();
    let q = |query: String| SearchForm { query, ..SearchForm::default() };
    let kinds = ["session-note", "progress-review", "assessment", "end-of-therapy", "free"];
    let common = COMMON_WORDS.len();
    for _ in 0..15 {
        queries.push(q(word(&mut gen, 0, 60)));
    }
    for _ in 0..15 {
        queries.push(q(word(&mut gen, 60, common + 2_000)));
    }
    for _ in 0..15 {
        queries.push(q(word(&mut gen, common + 2_000, vocab.len())));
    }
    for _ in 0..15 {
        let w = word(&mut gen, 0, common + 500);
        queries.push(q(format!("{}*", w.chars().take(2 + gen.below(3)).collect::<String>())));
    }
    for phrase in phrases.iter().take(15) {
        queries.push(q(phrase.clone()));
    }
    for _ in 0..10 {
        queries.push(q(format!("{} {}", word(&mut gen, 0, 200), word(&mut gen, 0, 2_000))));
    }
    for _ in 0..15 {
        let client = clients[gen.below(clients.len())].clone();
        queries.push(SearchForm { client, ..q(word(&mut gen, 0, 400)) });
    }
    for _ in 0..10 {
        let kind = kinds[gen.below(kinds.len())].to_string();
        queries.push(SearchForm { kind, ..q(word(&mut gen, 0, 400)) });
    }
    for _ in 0..15 {
        let to = today - chrono::Days::new(gen.below(3650) as u64);
        let from = to - chrono::Days::new(if gen.below(2) == 0 { 30 } else { 365 });
        queries.push(SearchForm { from: format_uk(from), to: format_uk(to), ..q(word(&mut gen, 0, 400)) });
    }
    for _ in 0..10 {
        let client = clients[gen.below(clients.len())].clone();
        let kind = kinds[gen.below(2)].to_string();
        let from = format_uk(today - chrono::Days::new(365 * (1 + gen.below(9)) as u64));
        queries.push(SearchForm { client, kind, from, ..q(word(&mut gen, 0, 100)) });
    }
    Ok(queries)
}
