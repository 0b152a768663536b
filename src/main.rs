//! `yibentong`: the command line over the core library (scripting, tests, batch jobs).
//!
//! Each subcommand parses its arguments, calls the core and prints; errors print in
//! Chinese with their stable code and exit non-zero.

mod cli;

// County-scale runs load, project and judge hundreds of thousands of households: glibc's
// allocator spent most of that time consolidating freed chunks (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use std::io::Write as _;

fn main() {
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(e) => match cli::usage::message(&e) {
            Some(text) => {
                // A stderr nobody reads any more is no reason to panic.
                let _ = writeln!(std::io::stderr(), "错误[usage]：{text}");
                std::process::exit(2);
            }
            None => e.exit(),
        },
    };
    if let Err(e) = cli::run(args) {
        let _ = writeln!(std::io::stderr(), "错误[{}]：{e}", e.code());
        std::process::exit(match e {
            yibentong::Error::Validation(_) => 2,
            _ => 1,
        });
    }
}
