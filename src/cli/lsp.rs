//! `stratc lsp`: the language server over standard input and output.

use crate::error::Fatal;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Accepted for clients that pass it (VS Code's language client does);
    /// standard input and output are the only transport.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

pub fn run(_args: Args) -> Result<u8, Fatal> {
    let (connection, io) = lsp_server::Connection::stdio();
    crate::lsp::serve(connection)?;
    drop(io.join());
    Ok(super::common::exit::CLEAN)
}
