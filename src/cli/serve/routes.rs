//! One request, start to end: is it from this launch's page (the token), then what it asks.
//!
//! | request | answer |
//! |---|---|
//! | `GET /`, `GET /assets/…` | the UI (the page sets the token cookie its files load with) |
//! | `POST /api/<command>` (JSON arguments) | the command's JSON, or `{ code, message, findings }` |
//! | `GET /events?after=N` | `{ next, events }`: progress reports after number N |
//! | `POST /heartbeat` | 204: a page is still open |
//! | `POST /files/new?name=F` | `{ path }`: where a command may write a file called F |
//! | `POST /files/upload?name=F` (the bytes) | `{ path }`: the uploaded file, for a command to read |
//! | `GET /files?path=P[&download=1]` | a file of this session (inline, or as a download) |
//!
//! The token is taken from the `X-Yibentong-Token` header, the `token` query parameter or
//! the cookie the page set; without it every request is refused with 403.

use super::{assets, Served};
use percent_encoding::{percent_decode_str, utf8_percent_encode, NON_ALPHANUMERIC};
use std::path::Path;
use yibentong::app::{self, AppError, Context, ErrorCode, Progress};

/// The header the page's requests carry the token in.
pub const TOKEN_HEADER: &str = "X-Yibentong-Token";
/// What the page may load and where it may connect: this server only.
const PAGE_POLICY: &str = "default-src 'self'; img-src 'self' data: blob:; \
     style-src 'self' 'unsafe-inline'; font-src 'self' data:; script-src 'self'; \
     connect-src 'self'; frame-ancestors 'none'";

/// A request as read off the connection (its body whole).
pub struct Asked {
    pub get: bool,
    pub post: bool,
    /// The path and query, as sent.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// An answer before it is sent.
pub struct Reply {
    pub status: u16,
    pub mime: &'static str,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    fn new(status: u16, mime: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            mime,
            body: body.into(),
            headers: Vec::new(),
        }
    }

    fn json(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply::new(status, "application/json", body)
    }

    fn error(status: u16, e: &AppError) -> Reply {
        let body = serde_json::to_vec(e).unwrap_or_default();
        Reply::json(status, body)
    }

    pub fn text(status: u16, text: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", text)
    }

    fn with(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }
}

/// Answers one request (on a blocking thread).
pub fn answer(served: &Served, asked: &Asked) -> Reply {
    let (path, query) = asked.url.split_once('?').unwrap_or((&asked.url, ""));
    let path = path.trim_start_matches('/');
    let query = parse_query(query);
    if !authorized(served, asked, &query) {
        return Reply::text(
            403,
            "拒绝访问：缺少或错误的访问令牌。请使用 yibentong serve 启动时显示的地址打开。",
        );
    }
    served.touch();
    route(served, asked, path, &query)
}

fn route(served: &Served, asked: &Asked, path: &str, query: &Query) -> Reply {
    let (get, post) = (asked.get, asked.post);
    match path {
        _ if path.starts_with("api/") && post => {
            command(served, &path["api/".len()..], &asked.body)
        }
        "events" if get => {
            let after = value(query, "after").and_then(|a| a.parse().ok());
            let (next, events) = served.progress.since(after.unwrap_or(0));
            let body = serde_json::json!({ "next": next, "events": events });
            Reply::json(200, body.to_string())
        }
        "heartbeat" if post => Reply::new(204, "text/plain", Vec::new()),
        "files/new" | "files/upload" if post => {
            let name = value(query, "name").unwrap_or_default();
            let kept = if path == "files/new" {
                served.files.reserve(name)
            } else {
                served.files.keep(name, &asked.body)
            };
            match kept {
                Ok(path) => Reply::json(
                    200,
                    serde_json::json!({ "path": path.display().to_string() }).to_string(),
                ),
                Err(e) => Reply::error(400, &AppError::from(e)),
            }
        }
        "files" if get => file(served, query),
        _ if get => page(served, path, query),
        _ => Reply::text(405, "不支持的请求"),
    }
}

/// Runs a command of the app's table; progress reports are kept for `/events`.
fn command(served: &Served, name: &str, body: &[u8]) -> Reply {
    let args = if body.trim_ascii().is_empty() {
        serde_json::Value::Null
    } else {
        match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => {
                let e = AppError::new(ErrorCode::Invalid, format!("请求不是有效的 JSON：{e}"));
                return Reply::error(400, &e);
            }
        }
    };
    let report = |p: Progress| served.progress.push(p);
    let cx = Context {
        state: &served.state,
        progress: &report,
    };
    match app::call(name, args, &cx) {
        Some(Ok(json)) => Reply::json(200, json),
        Some(Err(e)) => Reply::error(400, &e),
        None => Reply::error(
            404,
            &AppError::new(ErrorCode::NotFound, format!("没有这个命令：{name}")),
        ),
    }
}

/// A file of this session, shown in the browser or downloaded.
fn file(served: &Served, query: &Query) -> Reply {
    let Some(path) = value(query, "path").and_then(|p| served.files.inside(Path::new(p))) else {
        return Reply::text(404, "没有这个文件");
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => return Reply::text(404, &format!("无法读取文件：{e}")),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let how = if value(query, "download").is_some() {
        "attachment"
    } else {
        "inline"
    };
    let disposition = format!(
        "{how}; filename*=UTF-8''{}",
        utf8_percent_encode(&name, NON_ALPHANUMERIC)
    );
    Reply::new(200, assets::mime(&name), bytes).with("Content-Disposition", disposition)
}

/// The UI: the page (which sets the token cookie for its own files) or one of its files.
fn page(served: &Served, path: &str, query: &Query) -> Reply {
    let page = path.is_empty() || path == "index.html";
    let reply = match assets::get(path) {
        Some(asset) => Reply::new(200, asset.mime, asset.bytes.into_owned()),
        None if page => Reply::new(200, "text/html; charset=utf-8", assets::NOT_BUILT),
        None => return Reply::text(404, "没有这个文件"),
    };
    if !page {
        return reply;
    }
    let reply = reply.with("Content-Security-Policy", PAGE_POLICY.to_string());
    match value(query, "token") {
        Some(_) => reply.with(
            "Set-Cookie",
            format!(
                "{}={}; Path=/; HttpOnly; SameSite=Strict",
                cookie_name(served.port),
                served.token
            ),
        ),
        None => reply,
    }
}

/// Whether the request carries this launch's token (header, query or cookie).
fn authorized(served: &Served, asked: &Asked, query: &Query) -> bool {
    let expected = served.token.as_bytes();
    let cookie = cookie_name(served.port);
    let from_headers = asked.headers.iter().flat_map(|(field, value)| {
        if field.eq_ignore_ascii_case(TOKEN_HEADER) {
            vec![value.trim()]
        } else if field.eq_ignore_ascii_case("Cookie") {
            value
                .split(';')
                .filter_map(|c| c.trim().strip_prefix(cookie.as_str())?.strip_prefix('='))
                .collect()
        } else {
            Vec::new()
        }
    });
    value(query, "token")
        .into_iter()
        .chain(from_headers)
        .any(|t| same(t.as_bytes(), expected))
}

/// The cookie of this launch: cookies are not kept apart by port, so the name carries it.
fn cookie_name(port: u16) -> String {
    format!("yibentong-{port}")
}

/// Compares in time independent of where the first difference is.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Query parameters, decoded.
type Query = Vec<(String, String)>;

fn parse_query(query: &str) -> Query {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |s: &str| {
                percent_decode_str(&s.replace('+', " "))
                    .decode_utf8_lossy()
                    .into_owned()
            };
            (decode(k), decode(v))
        })
        .collect()
}

fn value<'q>(query: &'q Query, key: &str) -> Option<&'q str> {
    query
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_decoded() {
        let q = parse_query("name=%E6%9D%91+1.json&download=1&token=ab");
        assert_eq!(
            value(&q, "name"),
            Some("村 1.json"),
            "percent and plus decoded"
        );
        assert_eq!(value(&q, "download"), Some("1"));
        assert_eq!(value(&q, "missing"), None);
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same(b"abc", b"abc"), "equal tokens");
        assert!(!same(b"abc", b"abd"), "one byte differs");
        assert!(!same(b"ab", b"abc"), "a prefix is not the token");
    }
}
