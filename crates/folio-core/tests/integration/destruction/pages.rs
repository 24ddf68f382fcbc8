//! Every page of an SQLCipher 4 database file, decrypted here with the data key, page by
//! page, as someone holding the key could: AES-256-CBC over each page but its reserve (a
//! 16-byte IV, then a 64-byte HMAC), page 1 after its 16-byte salt. A raw key is used as
//! the cipher key itself. The cipher is RustCrypto's (`aes`, `cbc`); page 1's header checks
//! that the pages really decrypt.

use aes::cipher::block_padding::NoPadding;
use aes::cipher::{BlockDecryptMut, KeyIvInit};

pub const PAGE: usize = 4096;
const RESERVE: usize = 80;

type Aes256CbcDec = cbc::Decryptor<aes::Aes256>;

/// Each page of `db` decrypted with `key`. Checks page 1 against SQLite's header (page size
/// 4096, 80 reserved bytes).
pub fn decrypt_pages(db: &[u8], key: &[u8]) -> Vec<Vec<u8>> {
    assert_eq!(db.len() % PAGE, 0, "whole pages");
    let pages: Vec<Vec<u8>> = db
        .chunks_exact(PAGE)
        .enumerate()
        .map(|(n, page)| {
            let start = if n == 0 { 16 } else { 0 };
            let iv = &page[PAGE - RESERVE..PAGE - RESERVE + 16];
            Aes256CbcDec::new_from_slices(key, iv)
                .unwrap_or_else(|e| panic!("a 32-byte key and a 16-byte IV: {e}"))
                .decrypt_padded_vec_mut::<NoPadding>(&page[start..PAGE - RESERVE])
                .unwrap_or_else(|e| panic!("whole blocks: {e}"))
        })
        .collect();
    let first = &pages[0];
    assert_eq!((first[0], first[1], first[4]), (0x10, 0x00, RESERVE as u8), "page 1 decrypts to SQLite's header");
    pages
}
