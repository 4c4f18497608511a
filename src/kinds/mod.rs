//! The document kinds of SPEC section 2 as Rust types, one file per family.
//! These types are the single source of truth: the JSON Schemas under
//! `schemas/` are generated from them and their doc comments become the
//! schema descriptions and the docs.

#[macro_use]
mod common;
mod alignment;
mod commerce;
mod governance;
mod kpis;
mod planning;
mod resources;

pub use alignment::*;
pub use commerce::*;
pub use common::{Link, Priority};
pub use governance::*;
pub use kpis::*;
pub use planning::*;
pub use resources::*;

use crate::load::yaml::Node;

/// Lists every kind once; generates the `Kind` and `Body` enums and the
/// dispatch between them so a new kind is one line here plus its struct.
macro_rules! kinds {
    ($($kind:ident),+ $(,)?) => {
        /// The kind of a document, as written in its `kind` field.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind { $($kind),+ }

        impl Kind {
            pub const ALL: &'static [Kind] = &[$(Kind::$kind),+];

            pub fn name(self) -> &'static str {
                match self { $(Kind::$kind => stringify!($kind)),+ }
            }

            pub fn from_name(name: &str) -> Option<Kind> {
                match name { $(stringify!($kind) => Some(Kind::$kind),)+ _ => None }
            }

            /// The JSON Schema of this kind's document.
            pub fn schema(self, generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                match self { $(Kind::$kind => generator.root_schema_for::<$kind>()),+ }
            }
        }

        /// A typed document body. Boxed: the kinds differ in size by a factor
        /// of two and a model holds 100,000 of them, so each takes only the
        /// room its own kind needs.
        #[derive(Debug, Clone, serde::Serialize)]
        #[serde(untagged)]
        pub enum Body { $($kind(Box<$kind>)),+ }

        impl Body {
            pub fn kind(&self) -> Kind {
                match self { $(Body::$kind(_) => Kind::$kind),+ }
            }

            /// Deserialises a schema-valid JSON document (without `kind`);
            /// the loader reads from the tree instead (`from_node`), and a
            /// test checks both agree.
            #[cfg(test)]
            pub fn from_json(kind: Kind, value: &serde_json::Value) -> Result<Body, serde_json::Error> {
                use serde::Deserialize;
                Ok(match kind { $(Kind::$kind => Body::$kind(Box::new($kind::deserialize(value)?))),+ })
            }

            /// Deserialises a schema-valid document from its span tree
            /// (its `kind` field is skipped).
            pub fn from_node(kind: Kind, node: &Node) -> Result<Body, serde::de::value::Error> {
                use serde::Deserialize;
                let de = || crate::load::de::NodeDe::document(node);
                Ok(match kind { $(Kind::$kind => Body::$kind(Box::new($kind::deserialize(de())?))),+ })
            }

            /// The document's id: `common().id` without building the rest
            /// (rules and the model's indexes ask for it millions of times).
            #[inline]
            pub fn id(&self) -> &str {
                match self { $(Body::$kind(d) => &d.id),+ }
            }

            pub fn common(&self) -> Common<'_> {
                match self {
                    $(Body::$kind(d) => Common {
                        id: &d.id,
                        title: d.title.as_deref(),
                        description: d.description.as_deref(),
                        owner: d.owner.as_deref(),
                        tags: &d.tags,
                        links: &d.links,
                        valid_from: d.valid_from.as_ref(),
                        valid_until: d.valid_until.as_ref(),
                    }),+
                }
            }
        }

        $(
            impl KindOf for $kind {
                const KIND: Kind = Kind::$kind;
                fn from_body(body: &Body) -> Option<&Self> {
                    match body { Body::$kind(d) => Some(&**d), _ => None }
                }
            }
        )+
    };
}

kinds!(
    Goal,
    Objective,
    Kpi,
    Initiative,
    Role,
    DecisionRights,
    Market,
    Channel,
    ChannelPolicy,
    PricingPolicy,
    StageGate,
    Exception,
    Segment,
    Budget,
    DataPolicy,
    Scorecard,
    Trigger,
    Playbook,
    Experiment,
    Scenario,
    Brand,
    Deal,
);

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The fields every kind shares.
#[derive(Debug, Clone, Copy)]
pub struct Common<'a> {
    pub id: &'a str,
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
    pub owner: Option<&'a str>,
    pub tags: &'a [String],
    pub links: &'a [Link],
    pub valid_from: Option<&'a crate::values::DateText>,
    pub valid_until: Option<&'a crate::values::DateText>,
}

/// Typed access to every document of one kind: `model.kind::<Initiative>()`.
pub trait KindOf: Sized + 'static {
    const KIND: Kind;
    fn from_body(body: &Body) -> Option<&Self>;
}
