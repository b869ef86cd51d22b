//! The names a campaign folder and our forms are made of (SPEC §3).
//!
//! Every stage that needs one of these names takes it from here, so that no
//! stage has to reach into another (reading into the scaffold, receipts into
//! discovery) for a constant. This module holds names only, and what makes
//! a name one folder or file name.

/// The definition file that marks a campaign root.
pub const DEFINITION: &str = "campaign.toml";

/// Where `campaign templates` writes the blank forms.
pub const TEMPLATES: &str = "templates";

/// The folder units return their files into.
pub const SUBMISSIONS: &str = "submissions";

/// The receipt ledger's file name, directly in [`SUBMISSIONS`].
pub const LEDGER: &str = "received.toml";

/// The ledger's path relative to the campaign root, as problems name it.
pub const LEDGER_PATH: &str = "submissions/received.toml";

/// Where `campaign merge` writes unless told otherwise.
pub const OUT: &str = "out";

/// The folder of a unit's key-activity materials: `<unit>/重点活动/<活动名称>/`.
pub const MATERIALS_DIR: &str = "重点活动";

/// The instructions sheet of every form; never read as data.
pub const GUIDE_SHEET: &str = "填表说明";

/// The hidden sheet holding the forms' dropdown lists.
pub const LISTS_SHEET: &str = "选项";

/// Custom document properties that fingerprint a form.
pub mod fingerprint {
    pub const CAMPAIGN: &str = "CampaignName";
    pub const REPORT: &str = "CampaignReport";
    pub const VERSION: &str = "CampaignTemplateVersion";
}

/// Whether `name` can be one file or folder name below `submissions/`:
/// not empty, not `.` or `..`, and without a separator of any system.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && !matches!(name, "." | "..") && !name.contains(['/', '\\', '\0'])
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_ledger_path_is_the_ledger_in_submissions() {
        assert_eq!(
            super::LEDGER_PATH,
            format!("{}/{}", super::SUBMISSIONS, super::LEDGER)
        );
    }
}
