//! Graph exports (DOT, Mermaid, JSON) for `stratc graph`.
