//! What every subcommand shares: exit codes, terminal settings, and writing
//! a command's output.

use std::io::Write;

use crate::error::Fatal;

/// Exit codes of SPEC section 5.
pub mod exit {
    /// No errors (warnings allowed unless `--deny warnings`).
    pub const CLEAN: u8 = 0;
    /// Findings at error level.
    pub const FINDINGS: u8 = 1;
    /// Usage, I/O or internal error.
    pub const FATAL: u8 = 2;
}

/// Terminal facts `main` passes in, so commands stay testable.
#[derive(Debug, Clone, Copy, Default)]
pub struct Terminal {
    pub color: bool,
    /// Standard output is a terminal: human output is wrapped for reading
    /// there, and left unwrapped in files and CI logs.
    pub wrap: bool,
}

impl Terminal {
    pub(crate) fn layout(self) -> crate::diagnostics::Layout {
        crate::diagnostics::Layout {
            color: self.color,
            wrap: self.wrap,
        }
    }
}

/// Writes to the output, mapping a closed pipe or full disk to a fatal error.
pub(crate) fn emit(out: &mut dyn Write, text: &str) -> Result<(), Fatal> {
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| Fatal::write("standard output", e))
}
