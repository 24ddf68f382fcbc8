//! Every page of an SQLCipher 4 database file, decrypted here with the data key, page by
//! page, as someone holding the key could: AES-256-CBC over each page but its reserve (a
//! 16-byte IV, then a 64-byte HMAC), page 1 after its 16-byte salt. A raw key is used as
//! the cipher key itself. AES is written out below (decryption only, FIPS-197) so that the
//! proof needs no crate; a FIPS-197 vector and page 1's header check it.

pub const PAGE: usize = 4096;
const RESERVE: usize = 80;

fn xtime(b: u8) -> u8 {
    (b << 1) ^ if b & 0x80 != 0 { 0x1b } else { 0 }
}

fn mul(mut a: u8, mut b: u8) -> u8 {
    let mut p = 0;
    while b != 0 {
        if b & 1 != 0 {
            p ^= a;
        }
        a = xtime(a);
        b >>= 1;
    }
    p
}

struct Aes {
    inv_sbox: [u8; 256],
    round_keys: [u8; 240],
}

impl Aes {
    fn new(key: &[u8]) -> Aes {
        assert_eq!(key.len(), 32, "a 256-bit key");
        let mut sbox = [0u8; 256];
        for (x, out) in sbox.iter_mut().enumerate() {
            let inv = if x == 0 { 0 } else { (1..=255u8).find(|&y| mul(x as u8, y) == 1).unwrap_or(0) };
            let mut r = inv;
            let mut v = inv;
            for _ in 0..4 {
                v = v.rotate_left(1);
                r ^= v;
            }
            *out = r ^ 0x63;
        }
        assert_eq!((sbox[0], sbox[1], sbox[0x53]), (0x63, 0x7c, 0xed), "the S-box");
        let mut inv_sbox = [0u8; 256];
        for (x, s) in sbox.iter().enumerate() {
            inv_sbox[*s as usize] = x as u8;
        }
        let mut w = [0u8; 240];
        w[..32].copy_from_slice(key);
        let mut rcon = 1u8;
        for i in 8..60 {
            let mut t = [w[4 * i - 4], w[4 * i - 3], w[4 * i - 2], w[4 * i - 1]];
            if i % 8 == 0 {
                t = [sbox[t[1] as usize] ^ rcon, sbox[t[2] as usize], sbox[t[3] as usize], sbox[t[0] as usize]];
                rcon = xtime(rcon);
            } else if i % 8 == 4 {
                t = t.map(|b| sbox[b as usize]);
            }
            for j in 0..4 {
                w[4 * i + j] = w[4 * (i - 8) + j] ^ t[j];
            }
        }
        Aes { inv_sbox, round_keys: w }
    }

    fn add_round_key(&self, s: &mut [u8; 16], round: usize) {
        for (b, k) in s.iter_mut().zip(&self.round_keys[16 * round..16 * round + 16]) {
            *b ^= k;
        }
    }

    fn inv_shift_sub(&self, s: &mut [u8; 16]) {
        let old = *s;
        for r in 0..4 {
            for c in 0..4 {
                s[r + 4 * c] = self.inv_sbox[old[r + 4 * ((c + 4 - r) % 4)] as usize];
            }
        }
    }

    fn decrypt_block(&self, block: &mut [u8; 16]) {
        self.add_round_key(block, 14);
        for round in (1..14).rev() {
            self.inv_shift_sub(block);
            self.add_round_key(block, round);
            for c in 0..4 {
                let a = [block[4 * c], block[4 * c + 1], block[4 * c + 2], block[4 * c + 3]];
                block[4 * c] = mul(a[0], 14) ^ mul(a[1], 11) ^ mul(a[2], 13) ^ mul(a[3], 9);
                block[4 * c + 1] = mul(a[0], 9) ^ mul(a[1], 14) ^ mul(a[2], 11) ^ mul(a[3], 13);
                block[4 * c + 2] = mul(a[0], 13) ^ mul(a[1], 9) ^ mul(a[2], 14) ^ mul(a[3], 11);
                block[4 * c + 3] = mul(a[0], 11) ^ mul(a[1], 13) ^ mul(a[2], 9) ^ mul(a[3], 14);
            }
        }
        self.inv_shift_sub(block);
        self.add_round_key(block, 0);
    }

    fn decrypt_cbc(&self, iv: &[u8], data: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(data.len());
        let mut previous: [u8; 16] = iv.try_into().unwrap_or([0; 16]);
        for chunk in data.chunks_exact(16) {
            let cipher: [u8; 16] = chunk.try_into().unwrap_or([0; 16]);
            let mut block = cipher;
            self.decrypt_block(&mut block);
            out.extend(block.iter().zip(previous).map(|(b, p)| b ^ p));
            previous = cipher;
        }
        out
    }
}

/// Each page of `db` decrypted with `key`. Checks the cipher against FIPS-197's AES-256
/// vector and page 1 against SQLite's header (page size 4096, 80 reserved bytes).
pub fn decrypt_pages(db: &[u8], key: &[u8]) -> Vec<Vec<u8>> {
    let hex = |s: &str| {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap_or(0)).collect::<Vec<u8>>()
    };
    let vector = Aes::new(&hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
    let mut block: [u8; 16] = hex("8ea2b7ca516745bfeafc49904b496089").try_into().unwrap_or([0; 16]);
    vector.decrypt_block(&mut block);
    assert_eq!(block.to_vec(), hex("00112233445566778899aabbccddeeff"), "FIPS-197 C.3");

    assert_eq!(db.len() % PAGE, 0, "whole pages");
    let aes = Aes::new(key);
    let pages: Vec<Vec<u8>> = db
        .chunks_exact(PAGE)
        .enumerate()
        .map(|(n, page)| {
            let start = if n == 0 { 16 } else { 0 };
            aes.decrypt_cbc(&page[PAGE - RESERVE..PAGE - RESERVE + 16], &page[start..PAGE - RESERVE])
        })
        .collect();
    let first = &pages[0];
    assert_eq!((first[0], first[1], first[4]), (0x10, 0x00, RESERVE as u8), "page 1 decrypts to SQLite's header");
    pages
}
