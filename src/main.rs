//! `yibentong`: the command line over the core library (scripting, tests, batch jobs).
//!
//! Each subcommand parses its arguments, calls the core and prints; errors print in
//! Chinese with their stable code and exit non-zero.

mod cli;

use clap::Parser;

fn main() {
    let args = cli::Cli::parse();
    if let Err(e) = cli::run(args) {
        eprintln!("错误[{}]：{e}", e.code());
        std::process::exit(match e {
            yibentong::Error::Validation(_) => 2,
            _ => 1,
        });
    }
}
