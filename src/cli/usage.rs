//! Command-line mistakes in Chinese: clap's own messages are English, and a cadre typing
//! a command needs to read what went wrong. Help and version output stay as they are.

use clap::error::{ContextKind, ContextValue, ErrorKind};

fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// The Chinese message for a command-line error, or `None` for help/version output.
pub fn message(e: &clap::Error) -> Option<String> {
    let arg = context(e, ContextKind::InvalidArg);
    let value = context(e, ContextKind::InvalidValue);
    let said = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => return None,
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            "缺少要执行的命令".to_string()
        }
        ErrorKind::UnknownArgument => format!("无法识别的参数：{arg}"),
        ErrorKind::InvalidSubcommand => format!(
            "无法识别的命令：{}",
            context(e, ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => format!("缺少必填参数：{arg}"),
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue);
            if valid.is_empty() {
                format!("参数 {arg} 的值“{value}”无效")
            } else {
                format!("参数 {arg} 的值“{value}”无效，可选：{valid}")
            }
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            let why = if why.contains("invalid digit") || why.contains("too large") {
                "应为整数（如年度 2019）".to_string()
            } else if why.contains("invalid float") {
                "应为数字（如 4800 或 4800.5）".to_string()
            } else {
                why
            };
            format!("参数 {arg} 的值“{value}”无效：{why}")
        }
        ErrorKind::ArgumentConflict => format!(
            "参数 {arg} 不能与 {} 同时使用",
            context(e, ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("参数 {arg} 的值个数不对")
        }
        ErrorKind::NoEquals => format!("参数 {arg} 需要写成 {arg}=值"),
        ErrorKind::InvalidUtf8 => "参数中有无法识别的字符（不是UTF-8编码）".to_string(),
        _ => format!("命令行参数有误：{}", e.kind()),
    };
    Some(format!("{said}。运行 yibentong --help 查看用法"))
}
