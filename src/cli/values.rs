//! Flag values clap cannot check by itself (`--fail-on`, `--due-soon`), with
//! reasons that [`super::usage`] words in the user's language.

use std::fmt;

use crate::lang::Lang;
use crate::status::Status;

/// A comma list of status codes, as `--fail-on` takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusList(pub Vec<Status>);

/// Why a flag's value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlagValueError {
    /// An entry of `--fail-on` that is no status code.
    UnknownStatus(String),
    /// A `--due-soon` that is not a whole number of days.
    NotDays,
}

impl FlagValueError {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            FlagValueError::UnknownStatus(code) => {
                let codes: Vec<&str> = Status::ALL.into_iter().map(Status::code).collect();
                let codes = lang.list(&codes);
                lang.pick(
                    format!("没有“{code}”这个状态，可用的状态：{codes}"),
                    format!("there is no status '{code}'; the statuses are {codes}"),
                )
            }
            FlagValueError::NotDays => lang
                .pick(
                    "应为整数天数（0 或更大）",
                    "expected a whole number of days (0 or more)",
                )
                .to_owned(),
        }
    }
}

/// clap keeps the reason as a boxed error; English is what a debugger sees.
impl fmt::Display for FlagValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for FlagValueError {}

/// `--fail-on`: status codes separated by commas; empty entries are ignored.
pub fn statuses(text: &str) -> Result<StatusList, FlagValueError> {
    text.split(',')
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(|code| {
            Status::from_code(code).ok_or_else(|| FlagValueError::UnknownStatus(code.into()))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(StatusList)
}

/// `--due-soon`: a number of days.
pub fn days(text: &str) -> Result<u32, FlagValueError> {
    text.trim().parse().map_err(|_| FlagValueError::NotDays)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_codes_separated_by_commas() {
        assert_eq!(
            statuses("missing, invalid,,"),
            Ok(StatusList(vec![Status::Missing, Status::Invalid]))
        );
        assert_eq!(
            statuses("ok,lat"),
            Err(FlagValueError::UnknownStatus("lat".into()))
        );
    }

    #[test]
    fn days_are_whole_and_not_negative() {
        assert_eq!(days("3"), Ok(3));
        assert_eq!(days("1.5"), Err(FlagValueError::NotDays));
        assert_eq!(days("-1"), Err(FlagValueError::NotDays));
    }

    #[test]
    fn reasons_read_in_both_languages() {
        let unknown = FlagValueError::UnknownStatus("lat".into());
        assert_eq!(
            unknown.render(Lang::Zh),
            "没有“lat”这个状态，可用的状态：ok、late、missing、pending、invalid、exempt"
        );
        assert_eq!(
            unknown.to_string(),
            "there is no status 'lat'; the statuses are ok, late, missing, pending, invalid, exempt"
        );
    }
}
