//! What every kind shares: the `document!` and `choice!` declarations,
//! links, and the value types fields are written in.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::values::{DateText, Money, Pct, Period};

/// A link to related material.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// What the link points to.
    pub title: String,
    /// The address.
    pub url: String,
}

/// Declares a document kind with the fields every kind shares
/// (`id`, `title`, `description`, `owner`, `tags`, `links`, `valid_from`,
/// `valid_until`) followed by its own.
macro_rules! document {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$fmeta:meta])*
                pub $field:ident : $ty:ty,
            )*
        }
    ) => {
        $(#[$meta])*
        #[serde_with::skip_serializing_none]
        #[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// Unique id across the repository, kebab-case (`eu-dtc-growth`).
            pub id: String,
            /// Human-readable name shown in reports and on the docs site.
            pub title: Option<String>,
            /// Longer explanation, in Markdown.
            pub description: Option<String>,
            /// The Role that owns this document.
            pub owner: Option<String>,
            /// Free labels for grouping and search.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub tags: Vec<String>,
            /// Links to related material.
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub links: Vec<Link>,
            /// First day this document is in force (ISO date).
            pub valid_from: Option<DateText>,
            /// Last day this document is in force (ISO date).
            pub valid_until: Option<DateText>,
            $(
                $(#[$fmeta])*
                pub $field: $ty,
            )*
        }
    };
}

/// Declares a closed enum whose YAML spelling is given beside each variant.
macro_rules! choice {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $text)] $variant),+ }

        impl $name {
            /// Every value, as written in YAML.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// The value as written in YAML.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

choice! {
    /// What a strategy optimises for first.
    pub enum Priority {
        /// Grow share, accepting lower margins.
        MarketShare = "market_share",
        /// Protect and grow margin, accepting slower growth.
        Profitability = "profitability",
        /// No bias either way; conflicts with nothing.
        Balanced = "balanced",
    }
}
