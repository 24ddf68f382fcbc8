//! The property the form-filling parts share (the ledger, the artwork inventory): each
//! case is one operation on a vault that starts with the part's fixture; it never panics,
//! and a refusal is a plain one (of the part's codes), names one of the operation's own
//! fields, never repeats the planted marker, and changes nothing in the vault.

use std::cell::RefCell;
use std::collections::BTreeMap;

use folio_core::{ErrorCode, Vault};
use proptest::prelude::*;
use proptest::test_runner::TestCaseResult;

use super::{fuzz, messages, no_echo, Tally, VaultState, Vaults};

/// Planted in what is typed; no message may repeat it.
pub const MARK: &str = "Zq7Xv";

/// One operation of a part: its name in the figure line and the fields a refusal may name.
pub trait FormOp {
    fn name(&self) -> &'static str;
    fn fields(&self) -> &'static [&'static str];
}

/// A part's fixture, built once per vault.
pub trait Fixture {
    /// The vault it was built in (a new one is built when the harness moves on).
    fn vault(&self) -> u64;
}

/// Runs the property over `ops` and prints the figure line with each operation's
/// accepted/refused counts.
pub fn fuzz_forms<S, X>(
    target: &str,
    source: &'static str,
    ops: S,
    plain: &[ErrorCode],
    fixture: impl Fn(&mut Vault, u64) -> folio_core::Result<X>,
    run: impl Fn(&mut Vault, &X, &S::Value) -> folio_core::Result<()>,
) where
    S: Strategy,
    S::Value: FormOp,
    X: Fixture,
{
    let vaults = Vaults::new();
    let tally = Tally::default();
    let by_op: RefCell<BTreeMap<&'static str, [u64; 2]>> = RefCell::default();
    let fixture_of: RefCell<Option<X>> = RefCell::default();
    let extra = || {
        let ops: Vec<String> = by_op.borrow().iter().map(|(k, [a, r])| format!("{k}={a}/{r}")).collect();
        format!("{}  accepted/refused: {}", vaults.figure(), ops.join(" "))
    };
    fuzz(target, source, ops, &tally, extra, |op| {
        vaults.with(|vault| {
            let made = vaults.made.get();
            let mut fx = fixture_of.borrow_mut();
            if fx.as_ref().is_none_or(|f| f.vault() != made) {
                *fx = Some(fixture(vault, made).unwrap_or_else(|e| panic!("fixture: {e}")));
            }
            let fx = fx.as_ref().unwrap_or_else(|| panic!("no fixture"));
            check(&tally, &by_op, plain, vault, |v| run(v, fx, &op), &op)
        })
    });
    vaults.finish();
}

fn check(
    tally: &Tally,
    by_op: &RefCell<BTreeMap<&'static str, [u64; 2]>>,
    plain: &[ErrorCode],
    vault: &mut Vault,
    run: impl FnOnce(&mut Vault) -> folio_core::Result<()>,
    op: &impl FormOp,
) -> TestCaseResult {
    let before = VaultState::of(vault);
    let result = tally.guard(|| run(vault))?;
    let after = VaultState::of(vault);
    let accepted = result.is_ok();
    tally.outcome(accepted);
    by_op.borrow_mut().entry(op.name()).or_default()[usize::from(!accepted)] += 1;
    if let Err(e) = result {
        prop_assert!(plain.contains(&e.code()), "{} refused with {:?}: {}", op.name(), e.code(), e);
        no_echo(&messages(&e), &[MARK])?;
        let field = e.field().unwrap_or_default();
        prop_assert!(
            op.fields().contains(&field),
            "{} refused naming {:?}, not a field of its form: {}",
            op.name(),
            field,
            e
        );
        tally.unchanged(&before, &after, "a refused form")?;
    }
    Ok(())
}
