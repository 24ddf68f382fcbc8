//! folio-core's one integration-test binary; modules mirror `src/`.

mod correspondence;
mod db;
mod demo;
mod import;
mod practice;
mod sessions;
mod vault;

use std::path::Path;
use std::time::Duration;

use folio_core::{CreateOptions, Password, Vault};

pub const PASSWORD: &str = "tangerine piano lighthouse";
pub const PRACTICE: &str = "Hillside Art Therapy";

pub fn pw(s: &str) -> Password {
    Password::new(s.as_bytes().to_vec())
}

/// Tests run the KDF at the floor (64 MiB, t=3): nothing weaker exists.
pub fn fast() -> CreateOptions {
    CreateOptions { kdf_target: Duration::ZERO }
}

pub fn create(dir: &Path) -> Vault {
    match Vault::create(dir, PRACTICE, &pw(PASSWORD), &fast()) {
        Ok(v) => v,
        Err(e) => panic!("create failed: {e}"),
    }
}
