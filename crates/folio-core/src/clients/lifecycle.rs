//! A client's states and the moves between them.
//!
//! referred → assessment → in therapy → ended, with waiting list, declined and withdrawn
//! on the way. An episode opens at referral and closes when the client is ended, declined
//! or withdrawn; a returning client is re-referred, which opens a new episode on the same
//! record (retention counts from episodes).

use crate::choices::choice;
use crate::{Error, Result};

choice! {
    /// Where a client is in their episode.
    pub enum ClientState in "clientState", field "state", choose "a state" {
        Referred = "referred" => "Referred",
        WaitingList = "waiting-list" => "Waiting list",
        Assessment = "assessment" => "Assessment",
        InTherapy = "in-therapy" => "In therapy",
        Ended = "ended" => "Ended",
        Declined = "declined" => "Declined",
        Withdrawn = "withdrawn" => "Withdrawn",
    }
}

impl ClientState {
    /// The episode is over in these states; only a re-referral leaves them.
    pub fn is_closed(self) -> bool {
        matches!(self, ClientState::Ended | ClientState::Declined | ClientState::Withdrawn)
    }

    /// The states a client may move to from this one (a re-referral is a separate action).
    pub fn next_states(self) -> &'static [ClientState] {
        use ClientState::*;
        match self {
            Referred => &[WaitingList, Assessment, Declined, Withdrawn],
            WaitingList => &[Assessment, Declined, Withdrawn],
            Assessment => &[InTherapy, WaitingList, Declined, Withdrawn],
            InTherapy => &[Ended, Withdrawn],
            Ended | Declined | Withdrawn => &[],
        }
    }

    /// Checks a move, saying in words what is allowed instead.
    pub fn check_move(self, to: ClientState) -> Result<()> {
        if self.next_states().contains(&to) {
            return Ok(());
        }
        let message = if self.is_closed() {
            format!(
                "This client's episode is {}. To see them again, re-refer them: that opens a new episode.",
                self.label().to_lowercase()
            )
        } else {
            let options: Vec<String> =
                self.next_states().iter().map(|s| format!("\u{201c}{}\u{201d}", s.label())).collect();
            let options = match options.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                None => String::new(),
            };
            format!("From \u{201c}{}\u{201d} a client can move to {options}.", self.label())
        };
        Err(Error::invalid("state", message))
    }
}

#[cfg(test)]
mod tests {
    use super::ClientState::*;
    use super::*;

    #[test]
    fn the_usual_path_is_allowed() {
        assert!(Referred.check_move(Assessment).is_ok());
        assert!(Assessment.check_move(InTherapy).is_ok());
        assert!(InTherapy.check_move(Ended).is_ok());
        assert!(Referred.check_move(WaitingList).is_ok());
        assert!(WaitingList.check_move(Assessment).is_ok());
    }

    #[test]
    fn skipping_or_reopening_is_refused_with_the_way_forward() {
        let skip = Referred.check_move(Ended).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            skip,
            "From “Referred” a client can move to “Waiting list”, “Assessment”, “Declined” or “Withdrawn”."
        );
        let reopen = Ended.check_move(InTherapy).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(reopen.contains("re-refer"), "{reopen}");
    }

    #[test]
    fn states_parse_from_words() -> Result<()> {
        assert_eq!(ClientState::parse("In therapy")?, InTherapy);
        assert_eq!(ClientState::parse("waiting_list")?, WaitingList);
        assert!(ClientState::parse("asleep").is_err());
        Ok(())
    }
}
