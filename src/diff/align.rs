//! Pairing the rows of two versions of a form by the form's own key.

use super::Located;
use crate::definition::{Campaign, ColumnType, Rows, TableSpec};
use crate::normalize::key;
use crate::read::value::Parsed;

/// How the rows of two versions were paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    /// By the form's key (the activity item, the row's name).
    Key,
    /// By position: the key does not hold on both sides.
    Position,
}

/// Which row a change is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowKey {
    /// Its key, as written (专题学习, 赵六).
    Named(String),
    /// Its place among the data rows, from 1, where rows are paired by position.
    Position(usize),
}

/// Two rows paired, or a row of one side alone (indexes into each side's rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pair {
    Both(usize, usize),
    Added(usize),
    Removed(usize),
}

/// The rows of one version, and the key its definition gives them.
pub(super) struct Lines<'a> {
    campaign: &'a Campaign,
    pub rows: Vec<Located<'a>>,
    /// One row per activity item: the item is the key.
    per_item: bool,
    /// The column holding the key, which is not compared as a cell.
    pub column: Option<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(campaign: &'a Campaign, spec: &TableSpec, rows: Vec<Located<'a>>) -> Lines<'a> {
        Lines {
            campaign,
            rows,
            per_item: spec.rows == Rows::Activities,
            column: key_column(spec),
        }
    }

    /// Row `index`'s key as written, if it has one.
    fn key(&self, index: usize) -> Option<String> {
        let row = self.rows[index].row;
        if self.per_item {
            let no = row.item?;
            let activity = self.campaign.activities.iter().find(|a| a.no == no)?;
            return Some(activity.name.clone());
        }
        match row.values.get(self.column?)? {
            Some(Parsed::Text(text)) if !text.trim().is_empty() => Some(text.trim().to_owned()),
            _ => None,
        }
    }

    /// Which row `index` is: by its key, or by its position.
    pub fn key_of(&self, index: usize, by_key: bool) -> RowKey {
        match self.key(index).filter(|_| by_key) {
            Some(named) => RowKey::Named(named),
            None => RowKey::Position(index + 1),
        }
    }

    /// Every row's key compared loosely (white space and full-width forms
    /// aside), if every row has one and none is used twice.
    fn keys(&self) -> Option<Vec<String>> {
        let keys: Vec<String> = (0..self.rows.len())
            .map(|i| Some(key(&self.key(i)?)))
            .collect::<Option<_>>()?;
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        (sorted.len() == keys.len()).then_some(keys)
    }
}

/// The column a form's rows are keyed by: the activity item where there is
/// one row per item, else the row's name (its first required text column).
pub(super) fn key_column(spec: &TableSpec) -> Option<usize> {
    match spec.rows {
        Rows::Activities => spec
            .columns
            .iter()
            .position(|c| c.ty == ColumnType::Activity),
        _ => spec.name_column(),
    }
}

/// Every row of both versions, paired: by key when every row on both sides
/// has one and no key is used twice on a side, else by position. Pairs
/// follow the newer version's order; rows only the older one has come last.
pub(super) fn pair(old: &Lines, new: &Lines) -> (Alignment, Vec<Pair>) {
    let (Some(old_keys), Some(new_keys)) = (old.keys(), new.keys()) else {
        return (
            Alignment::Position,
            by_position(old.rows.len(), new.rows.len()),
        );
    };
    let mut pairs: Vec<Pair> = new_keys
        .iter()
        .enumerate()
        .map(|(n, k)| match old_keys.iter().position(|o| o == k) {
            Some(o) => Pair::Both(o, n),
            None => Pair::Added(n),
        })
        .collect();
    pairs.extend(
        (0..old_keys.len())
            .filter(|o| !new_keys.contains(&old_keys[*o]))
            .map(Pair::Removed),
    );
    (Alignment::Key, pairs)
}

fn by_position(old: usize, new: usize) -> Vec<Pair> {
    let both = old.min(new);
    (0..both)
        .map(|i| Pair::Both(i, i))
        .chain((both..new).map(Pair::Added))
        .chain((both..old).map(Pair::Removed))
        .collect()
}
