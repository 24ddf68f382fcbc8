//! `folio bench`: runs folio-core's measurements and prints them beside a saved baseline.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Args;
use folio_core::bench::Measurement;
use folio_core::Error;

use crate::context::Context;

/// Measure the KDF, unlocking, client lists, note search, and SQLCipher against plain SQLite; compare with a baseline
#[derive(Args)]
pub struct BenchArgs {
    /// Rows in the insert/scan workload
    #[arg(long, default_value_t = 100_000)]
    rows: u32,
    /// Repetitions of each measurement (the best is kept)
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Fictional clients in the practice for the client-list figures (0 skips them)
    #[arg(long, default_value_t = 1500)]
    clients: usize,
    /// Notes over those clients for the note-search figures (0 skips them)
    #[arg(long, default_value_t = 100_000)]
    notes: usize,
    /// Save this run's figures as a baseline file
    #[arg(long = "save-baseline", value_name = "FILE")]
    save: Option<PathBuf>,
    /// Print this run beside a saved baseline, with ratios
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
}

pub fn run(args: BenchArgs, ctx: &Context) -> folio_core::Result<()> {
    let BenchArgs { rows, runs, clients, notes, save, baseline } = args;
    let out = &ctx.out;
    // Benchmark data only: nothing personal is written to the scratch folder.
    let work = tempdir()?;
    let measurements = folio_core::bench::run(work.path(), rows, runs, clients, notes)?;
    let base: Option<BTreeMap<String, f64>> = match &baseline {
        Some(path) => {
            let bytes = std::fs::read(path)
                .map_err(|e| Error::Storage { action: format!("read {}", path.display()), source: e })?;
            let list: Vec<Measurement> = serde_json::from_slice(&bytes).map_err(|e| Error::InvalidInput {
                field: "baseline",
                message: format!("{} is not a baseline saved by `folio bench --save-baseline` ({e}).", path.display()),
            })?;
            Some(list.into_iter().map(|m| (m.name, m.millis)).collect())
        }
        None => None,
    };
    if let Some(path) = &save {
        let json = serde_json::to_vec_pretty(&measurements).map_err(|e| Error::Internal(e.to_string()))?;
        std::fs::write(path, json)
            .map_err(|e| Error::Storage { action: format!("write {}", path.display()), source: e })?;
    }
    let by_name: BTreeMap<&str, f64> = measurements.iter().map(|m| (m.name.as_str(), m.millis)).collect();
    let ratio = |a: &str, b: &str| match (by_name.get(a), by_name.get(b)) {
        (Some(x), Some(y)) if *y > 0.0 => Some(x / y),
        _ => None,
    };
    let derived = [
        (
            "sqlcipher / plain sqlite, insert",
            ratio(&format!("sqlcipher_insert_{rows}"), &format!("plain_sqlite_insert_{rows}")),
        ),
        (
            "sqlcipher / plain sqlite, scan",
            ratio(&format!("sqlcipher_scan_{rows}"), &format!("plain_sqlite_scan_{rows}")),
        ),
        (
            "memory security on / off, insert",
            ratio(&format!("sqlcipher_memory_security_insert_{rows}"), &format!("sqlcipher_insert_{rows}")),
        ),
        (
            "memory security on / off, scan",
            ratio(&format!("sqlcipher_memory_security_scan_{rows}"), &format!("sqlcipher_scan_{rows}")),
        ),
    ];
    if out.json {
        let rows_json: Vec<_> = measurements
            .iter()
            .map(|m| {
                let b = base.as_ref().and_then(|b| b.get(&m.name)).copied();
                serde_json::json!({"name": m.name, "millis": m.millis, "baselineMillis": b, "ratio": b.map(|b| m.millis / b)})
            })
            .collect();
        let derived_json: BTreeMap<&str, Option<f64>> = derived.iter().map(|(k, v)| (*k, *v)).collect();
        out.value(&serde_json::json!({"measurements": rows_json, "ratios": derived_json}), String::new);
        return Ok(());
    }
    println!("{:<44} {:>12} {:>12} {:>8}", "measurement", "this run ms", "baseline ms", "ratio");
    for m in &measurements {
        let b = base.as_ref().and_then(|b| b.get(&m.name)).copied();
        let (bs, rs) = match b {
            Some(b) if b > 0.0 => (format!("{b:.1}"), format!("{:.2}", m.millis / b)),
            _ => ("-".into(), "-".into()),
        };
        println!("{:<44} {:>12.1} {:>12} {:>8}", m.name, m.millis, bs, rs);
    }
    println!();
    for (name, value) in derived {
        println!("{name:<44} {}", value.map(|v| format!("{v:.2}x")).unwrap_or_else(|| "-".into()));
    }
    Ok(())
}

fn tempdir() -> folio_core::Result<tempfile::TempDir> {
    tempfile::Builder::new()
        .prefix("folio-bench-")
        .tempdir()
        .map_err(|e| Error::Storage { action: "create a scratch folder for the benchmark".into(), source: e })
}
