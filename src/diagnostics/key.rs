//! The stable identity of a finding across edits, shared by baselines
//! (`check --baseline`) and `stratc diff` (findings introduced and resolved).
//!
//! A finding is identified by its rule name, subject and field; or, for
//! findings without a subject, by rule name, file and message. Line numbers
//! are not part of the key, so a finding that only moved lines keeps it.

use std::collections::HashMap;

use crate::finding::Finding;
use crate::source::Sources;

/// What identifies a finding across edits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum FindingKey {
    /// Rule name, subject id and field pointer.
    Subject {
        rule: String,
        subject: String,
        pointer: String,
    },
    /// Rule name, file and message, for findings about no document.
    Message {
        rule: String,
        file: String,
        message: String,
    },
}

impl FindingKey {
    /// The key from the parts of a finding (or of a recorded one): the
    /// pointer counts only with a subject, the file and message only without.
    pub(crate) fn new(
        rule: &str,
        subject: Option<&str>,
        pointer: Option<&str>,
        file: Option<&str>,
        message: &str,
    ) -> FindingKey {
        match subject {
            Some(subject) => FindingKey::Subject {
                rule: rule.to_owned(),
                subject: subject.to_owned(),
                pointer: pointer.unwrap_or_default().to_owned(),
            },
            None => FindingKey::Message {
                rule: rule.to_owned(),
                file: file.unwrap_or_default().to_owned(),
                message: message.to_owned(),
            },
        }
    }

    /// The key of a finding.
    pub(crate) fn of(f: &Finding, sources: &Sources) -> FindingKey {
        FindingKey::new(
            f.rule.name,
            f.subject.as_deref(),
            f.pointer.as_deref(),
            file_of(f, sources),
            &f.message,
        )
    }
}

/// The file of a finding's primary label, relative to the strategy root.
pub(crate) fn file_of<'s>(f: &Finding, sources: &'s Sources) -> Option<&'s str> {
    f.primary
        .as_ref()
        .map(|l| sources.file(l.file).path.as_str())
}

/// Keys counted as a multiset: one key taken hides one finding, so two equal
/// findings against one recorded are one too many.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeyCounts(HashMap<FindingKey, usize>);

impl KeyCounts {
    pub(crate) fn new(keys: impl IntoIterator<Item = FindingKey>) -> KeyCounts {
        let mut counts = KeyCounts::default();
        for key in keys {
            *counts.0.entry(key).or_default() += 1;
        }
        counts
    }

    /// Takes one `key` if any is left; whether there was one.
    pub(crate) fn take(&mut self, key: &FindingKey) -> bool {
        match self.0.get_mut(key) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }

    /// How many keys are left.
    pub(crate) fn left(&self) -> usize {
        self.0.values().sum()
    }
}
