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
/// (0 skips them; the target is 1,500).
pub fn run(work: &Path, rows: u32, runs: usize, clients: usize) -> Result<Vec<Measurement>> {
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
        crate::demo::fill(&mut vault, clients, 1)?;
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
