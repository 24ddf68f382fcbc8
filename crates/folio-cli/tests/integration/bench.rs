//! `bench` beside a saved baseline.

use super::*;

#[test]
fn bench_prints_ratios_beside_a_baseline() {
    let tmp = tempdir();
    let base = tmp.path().join("base.json");
    let base_arg = base.to_string_lossy().into_owned();
    let first = folio(
        tmp.path(),
        &["bench", "--rows", "2000", "--runs", "1", "--clients", "20", "--notes", "300", "--save-baseline", &base_arg],
        "",
    );
    assert_eq!(code(&first), 0, "{}", text(&first.stderr));
    let second = folio(
        tmp.path(),
        &["bench", "--rows", "2000", "--runs", "1", "--clients", "20", "--notes", "300", "--baseline", &base_arg],
        "",
    );
    let out = text(&second.stdout);
    assert!(out.contains("kdf_argon2id_64mib_t3"), "{out}");
    assert!(out.contains("sqlcipher / plain sqlite, scan"), "{out}");
    assert!(out.contains("client_list_search_20"), "{out}");
    assert!(out.contains("note_search_p95_300"), "{out}");
    let kdf_line = out.lines().find(|l| l.starts_with("kdf_argon2id")).unwrap_or_default();
    assert_eq!(kdf_line.split_whitespace().count(), 4, "name, this run, baseline, ratio: {kdf_line}");
}
