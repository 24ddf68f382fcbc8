//! The practice record: clients and their referrals, lifecycle and episodes, and the
//! professionals directory.

pub mod clients;
pub mod correspondence;
pub mod import;
pub mod lifecycle;
pub mod professionals;
pub mod referral;
pub mod sessions;
