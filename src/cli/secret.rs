//! The passphrase of an encrypted ledger on the command line: from YIBENTONG_PASSPHRASE,
//! or asked at the terminal (never echoed, never an argument: arguments show in process
//! lists). `ledger encrypt` converts a plain ledger.

use super::Cli;
use std::io::IsTerminal;
use std::path::Path;
use yibentong::store::{self, check_passphrase};
use yibentong::{Error, Result};

const ENV: &str = "YIBENTONG_PASSPHRASE";

#[derive(clap::Subcommand, Debug)]
pub enum LedgerCommand {
    /// Encrypt a plain ledger in place with a passphrase (YIBENTONG_PASSPHRASE or asked).
    Encrypt,
}

fn ask(prompt: &str) -> Result<Option<String>> {
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let text = rpassword::prompt_password(prompt)?;
    Ok(Some(text).filter(|t| !t.is_empty()))
}

/// The passphrase for the ledger at `path`: the environment's, else asked at a terminal
/// when the file is encrypted (or, for a new ledger, offered to choose one).
pub fn passphrase_for(path: &Path, creating: bool) -> Result<Option<String>> {
    if let Ok(p) = std::env::var(ENV) {
        return Ok(Some(p));
    }
    let exists = path.is_file() && std::fs::metadata(path).is_ok_and(|m| m.len() > 0);
    let plain = exists && {
        let mut head = [0u8; 16];
        use std::io::Read;
        std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok()
            && &head == b"SQLite format 3\0"
    };
    if exists && !plain {
        return ask("台账已加密，请输入口令：");
    }
    if !exists && creating {
        let chosen = ask("为新台账设置口令（至少8位；口令丢失无法找回；直接回车则不加密）：")?;
        if let Some(p) = &chosen {
            check_passphrase(p)?;
            let again = ask("再输入一次口令：")?;
            if again.as_deref() != Some(p.as_str()) {
                return Err(Error::Invalid("两次输入的口令不一致，未创建台账".into()));
            }
        } else {
            note!(
                "提示：新台账未加密。设置环境变量 {ENV} 可创建加密台账，已有台账可用“yibentong --db 台账 ledger encrypt”加密。"
            );
        }
        return Ok(chosen);
    }
    Ok(None)
}

pub fn run(cli: &Cli, cmd: &LedgerCommand) -> Result<()> {
    match cmd {
        LedgerCommand::Encrypt => {
            let key = match std::env::var(ENV) {
                Ok(k) => k,
                Err(_) => {
                    let k =
                        ask("设置台账口令（至少8位；口令丢失无法找回）：")?.ok_or_else(|| {
                            Error::Invalid(format!(
                                "请设置环境变量 {ENV} 为口令，或在终端中运行以输入口令"
                            ))
                        })?;
                    if ask("再输入一次口令：")?.as_deref() != Some(k.as_str()) {
                        return Err(Error::Invalid("两次输入的口令不一致，台账未改动".into()));
                    }
                    k
                }
            };
            store::encrypt_file(&cli.db, &key)?;
            say!(
                "台账 {} 已加密（口令强度：{}）。请牢记口令：丢失后无法找回。",
                cli.db.display(),
                store::passphrase_strength(&key)
            );
            Ok(())
        }
    }
}
