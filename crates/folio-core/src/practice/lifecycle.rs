//! A client's states and the moves between them.
//!
//! referred → assessment → in therapy → ended, with waiting list, declined and withdrawn
//! on the way. An episode opens at referral and closes when the client is ended, declined
//! or withdrawn; a returning client is re-referred, which opens a new episode on the same
//! record (retention counts from episodes).

use crate::{Error, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ClientState {
    Referred,
    WaitingList,
    Assessment,
    InTherapy,
    Ended,
    Declined,
    Withdrawn,
}

impl ClientState {
    pub const ALL: [ClientState; 7] = [
        ClientState::Referred,
        ClientState::WaitingList,
        ClientState::Assessment,
        ClientState::InTherapy,
        ClientState::Ended,
        ClientState::Declined,
        ClientState::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClientState::Referred => "referred",
            ClientState::WaitingList => "waiting_list",
            ClientState::Assessment => "assessment",
            ClientState::InTherapy => "in_therapy",
            ClientState::Ended => "ended",
            ClientState::Declined => "declined",
            ClientState::Withdrawn => "withdrawn",
        }
    }

    /// How the state reads on screen.
    pub fn label(self) -> &'static str {
        match self {
            ClientState::Referred => "Referred",
            ClientState::WaitingList => "Waiting list",
            ClientState::Assessment => "Assessment",
            ClientState::InTherapy => "In therapy",
            ClientState::Ended => "Ended",
            ClientState::Declined => "Declined",
            ClientState::Withdrawn => "Withdrawn",
        }
    }

    pub fn parse(field: &'static str, text: &str) -> Result<ClientState> {
        let wanted = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        ClientState::ALL.into_iter().find(|s| s.as_str() == wanted).ok_or_else(|| {
            Error::invalid(
                field,
                "Choose a state: referred, waiting list, assessment, in therapy, ended, declined or withdrawn.",
            )
        })
    }

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
            let options: Vec<&str> = self.next_states().iter().map(|s| s.label()).collect();
            format!(
                "A client who is {} can move to: {}.",
                self.label().to_lowercase(),
                options.join(", ").to_lowercase()
            )
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
        assert!(skip.contains("can move to: waiting list, assessment, declined, withdrawn"), "{skip}");
        let reopen = Ended.check_move(InTherapy).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(reopen.contains("re-refer"), "{reopen}");
    }

    #[test]
    fn states_parse_from_words() -> Result<()> {
        assert_eq!(ClientState::parse("state", "In therapy")?, InTherapy);
        assert_eq!(ClientState::parse("state", "waiting-list")?, WaitingList);
        assert!(ClientState::parse("state", "asleep").is_err());
        Ok(())
    }
}
