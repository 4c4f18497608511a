//! What each document's references resolved to in the last build of a
//! model: the language server's next build reuses it for every document it
//! did not re-load, as long as no document id, kind or decision changed
//! (`resolve::resolve_references` checks that with [`Ids`]).

/// The ids every reference is resolved against, as a fingerprint: the id
/// and kind of every document in order (which also fixes which of two is
/// "first") and every declared decision. Two models with the same
/// fingerprint resolve every reference the same way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Ids(pub(crate) u64, pub(crate) u64);

/// What a document's references resolved to without a finding, one entry
/// per reference: a document index, [`Resolved::DECISION`] or
/// [`Resolved::NONE`] (those are resolved again, with their findings, every
/// time). Valid only under the same [`Ids`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Resolved {
    pub(crate) under: Option<Ids>,
    pub(crate) targets: Box<[u32]>,
}

impl Resolved {
    pub(crate) const NONE: u32 = u32::MAX;
    pub(crate) const DECISION: u32 = u32::MAX - 1;
}
