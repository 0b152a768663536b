//! The bundle file: one JSON object, `{"format":"yibentong.bundle/1","checksum":"sha256:…",
//! "bundle":{…}}` and a newline, where the checksum is SHA-256 over the exact bytes of the
//! `bundle` value as written. Opening checks the frame byte for byte and the checksum
//! before reading anything, so a file altered by even one byte is refused.

use super::Bundle;
use crate::{Error, Result};
use sha2::{Digest, Sha256};

/// The format tag of a bundle file.
pub const BUNDLE_FORMAT: &str = "yibentong.bundle/1";

fn head() -> String {
    format!("{{\"format\":\"{BUNDLE_FORMAT}\",\"checksum\":\"sha256:")
}

const MIDDLE: &str = "\",\"bundle\":";
const TAIL: &str = "}\n";

fn digest(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// The file's bytes and its checksum (hex).
pub fn seal(bundle: &Bundle) -> Result<(Vec<u8>, String)> {
    let body = serde_json::to_vec_pretty(bundle).map_err(|e| Error::Format(e.to_string()))?;
    let sum = digest(&body);
    let mut out = head().into_bytes();
    out.extend_from_slice(sum.as_bytes());
    out.extend_from_slice(MIDDLE.as_bytes());
    out.extend_from_slice(&body);
    out.extend_from_slice(TAIL.as_bytes());
    Ok((out, sum))
}

/// Whether the bytes start like a bundle file (to refuse overwriting anything else).
pub fn looks_like_bundle(bytes: &[u8]) -> bool {
    bytes.starts_with(head().as_bytes())
}

fn altered(what: &str) -> Error {
    Error::Invalid(format!(
        "数据包校验失败：{what}。文件在生成后被改动或已损坏，未合并任何数据，台账保持不变；请向发送方重新索取数据包"
    ))
}

/// Checks the frame and the checksum, then reads the bundle; returns it with its checksum.
pub fn open(bytes: &[u8]) -> Result<(Bundle, String)> {
    let head = head();
    if !bytes.starts_with(head.as_bytes()) {
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]);
        return Err(if text.contains("yibentong.bundle/") {
            altered("文件开头与数据包格式不符")
        } else if text.contains(crate::model::FORMAT_V1) {
            Error::Invalid(
                "这是交换文件（exchange v1），不是数据包；请用 yibentong import 导入".into(),
            )
        } else {
            Error::Invalid("这不是一本通数据包文件（数据包由 yibentong bundle 生成）".into())
        });
    }
    let rest = &bytes[head.len()..];
    if rest.len() < 64 + MIDDLE.len() + TAIL.len() {
        return Err(altered("文件不完整"));
    }
    let (sum, rest) = rest.split_at(64);
    let sum = std::str::from_utf8(sum)
        .ok()
        .filter(|s| {
            s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
        .ok_or_else(|| altered("校验码不是有效的十六进制数"))?;
    let Some(rest) = rest.strip_prefix(MIDDLE.as_bytes()) else {
        return Err(altered("文件结构与数据包格式不符"));
    };
    let Some(body) = rest.strip_suffix(TAIL.as_bytes()) else {
        return Err(altered("文件结尾与数据包格式不符（可能被截断）"));
    };
    if digest(body) != sum {
        return Err(altered("内容与校验码不符"));
    }
    let bundle: Bundle = serde_json::from_slice(body)
        .map_err(|e| Error::Format(format!("数据包内容无法读取：{e}")))?;
    Ok((bundle, sum.to_string()))
}
