//! Seed 004's rules for remote contact with a child, pure. Sessions hold the same rule for
//! online and phone sessions; this is the same duty for every other way of being in touch:
//!
//! - §6: written consent from a parent before any online contact with a child;
//! - §7: no contact outside scheduled appointments; voice messages and video calls only
//!   with parental consent;
//! - §8: no images of people sent or received;
//! - §3–§5: messages are kept, never deleted (so an incoming one is always logged).
//!
//! E-mail, letters and anything with a parent, school or professional are not remote
//! contact with the child and are not gated.

use super::{Counterpart, Direction, Kind};

/// The ways of being in touch with a child at a distance that seed 004 gates.
pub fn is_remote_contact(kind: Kind) -> bool {
    matches!(kind, Kind::Text | Kind::AppMessage | Kind::VoiceMessage | Kind::VideoCall | Kind::PhoneCall)
}

/// What the rules ask of one entry, decided from its facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Duties {
    /// The contact needs a current written online-contact consent from a parent.
    pub needs_consent: bool,
    /// Outgoing: refused without that consent. Incoming: logged with a warning.
    pub refuse_without_consent: bool,
    /// No session that day: the contact is outside an appointment and needs a reason.
    pub outside_appointment: bool,
}

/// The duties for an entry of `kind` in `direction` with `counterpart`, for a client who is
/// a `child` on the day, with or without a session in the register that day.
pub fn duties(
    kind: Kind,
    direction: Direction,
    counterpart: Counterpart,
    child: bool,
    session_that_day: bool,
) -> Duties {
    let gated = child && counterpart == Counterpart::Client && is_remote_contact(kind);
    Duties {
        needs_consent: gated,
        refuse_without_consent: gated && direction == Direction::Out,
        outside_appointment: gated && !session_that_day,
    }
}

/// The reminder shown and printed when an image is attached to contact with a client
/// (seed 004 §8).
pub const NO_IMAGES_OF_PEOPLE: &str =
    "Reminder: no images, pictures or videos of people may be sent or received by the therapist or the client (online safety policy, images and media).";

/// The warning recorded with a message from a child that came in without the consent.
pub const RECEIVED_WITHOUT_CONSENT: &str = "Received from the child without a current written parental consent for online contact. Kept, as messages must be; do not reply online until the consent is recorded.";

/// The warning recorded with contact outside an appointment, with the reason given.
pub fn outside_appointment(reason: &str) -> String {
    format!("Outside an appointment: no session in the register that day. Reason given: {reason}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_remote_contact_with_the_child_is_gated() {
        let out = |kind, with, child| duties(kind, Direction::Out, with, child, true);
        assert!(out(Kind::Text, Counterpart::Client, true).refuse_without_consent);
        assert!(out(Kind::VoiceMessage, Counterpart::Client, true).needs_consent);
        assert!(out(Kind::VideoCall, Counterpart::Client, true).needs_consent);
        assert!(out(Kind::PhoneCall, Counterpart::Client, true).needs_consent);
        assert!(!out(Kind::Email, Counterpart::Client, true).needs_consent, "e-mail is not gated");
        assert!(!out(Kind::Letter, Counterpart::Client, true).needs_consent);
        assert!(!out(Kind::Text, Counterpart::Parent, true).needs_consent, "a parent is not gated");
        assert!(!out(Kind::Text, Counterpart::Professional, true).needs_consent);
        assert!(!out(Kind::Text, Counterpart::Client, false).needs_consent, "an adult is not gated");
    }

    #[test]
    fn incoming_is_logged_and_a_day_without_a_session_is_outside_an_appointment() {
        let incoming = duties(Kind::Text, Direction::In, Counterpart::Client, true, false);
        assert!(incoming.needs_consent && !incoming.refuse_without_consent);
        assert!(incoming.outside_appointment);
        assert!(!duties(Kind::Text, Direction::In, Counterpart::Client, true, true).outside_appointment);
        assert!(!duties(Kind::Email, Direction::In, Counterpart::Client, true, false).outside_appointment);
    }
}
