//! `yibentong serve` (src/cli/serve/) as a browser would meet it: the first line is the
//! address with its token; a request without the token is refused with 403; with it the
//! app's commands answer, a failure as the typed `{ code, message }`; only 127.0.0.1
//! listens; uploaded files come back and nothing outside the session's folder does; the
//! server stops by itself when no page is open.

use super::common::{bin, data};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `yibentong serve` on a fresh ledger, stopped when dropped.
struct Served {
    child: Child,
    port: u16,
    token: String,
    url: String,
    _dir: tempfile::TempDir,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(idle_secs: u64) -> Served {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut child = Command::new(bin())
        .args(["--db"])
        .arg(dir.path().join("ledger.db"))
        .args(["serve", "--no-browser"])
        .env("YIBENTONG_SERVE_IDLE", idle_secs.to_string())
        .env_remove("YIBENTONG_PASSPHRASE")
        .env("TMPDIR", dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("yibentong serve starts");
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout");
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("the first line is readable");
    let url = line.trim().to_string();
    let rest = url
        .strip_prefix("http://127.0.0.1:")
        .unwrap_or_else(|| panic!("the first line is the loopback address: {url:?}"));
    let (port, token) = rest
        .split_once("/?token=")
        .unwrap_or_else(|| panic!("the address carries the token: {url:?}"));
    assert!(
        token.len() >= 32,
        "the token is long enough to guess: {token}"
    );
    Served {
        port: port.parse().expect("a port number"),
        token: token.to_string(),
        url,
        child,
        _dir: dir,
    }
}

/// One HTTP/1.1 request: the status and the body.
fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the server accepts");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream
        .write_all(head.as_bytes())
        .expect("the request is sent");
    stream.write_all(body).expect("the body is sent");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("an answer");
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("headers end");
    let status = String::from_utf8_lossy(&answer[9..12])
        .parse()
        .expect("a status code");
    (status, answer[split + 4..].to_vec())
}

fn command(s: &Served, name: &str, args: &str) -> (u16, serde_json::Value) {
    let (status, body) = http(
        s.port,
        "POST",
        &format!("/api/{name}"),
        &[
            ("X-Yibentong-Token", &s.token),
            ("Content-Type", "application/json"),
        ],
        args.as_bytes(),
    );
    let value = serde_json::from_slice(&body).unwrap_or_else(|e| {
        panic!(
            "{name} answers JSON ({e}): {}",
            String::from_utf8_lossy(&body)
        )
    });
    (status, value)
}

#[test]
fn a_request_without_the_token_is_refused() {
    let s = serve(120);
    let (status, _) = http(s.port, "POST", "/api/ledger_info", &[], b"{}");
    assert_eq!(status, 403, "no token: refused");
    let wrong = [("X-Yibentong-Token", "0123456789abcdef0123456789abcdef")];
    let (status, _) = http(s.port, "POST", "/api/ledger_info", &wrong, b"{}");
    assert_eq!(status, 403, "another token: refused");
    for path in ["/", "/index.html", "/events", "/files?path=/etc/passwd"] {
        let (status, _) = http(s.port, "GET", path, &[], b"");
        assert_eq!(status, 403, "{path} without the token: refused");
    }

    let (status, info) = command(&s, "ledger_info", "{}");
    assert_eq!(status, 200, "with the token the command answers: {info}");
    assert_eq!(info["households"], 0, "a new ledger holds no households");
    let page = s
        .url
        .trim_start_matches(&format!("http://127.0.0.1:{}", s.port));
    let (status, _) = http(s.port, "GET", page, &[], b"");
    assert_eq!(status, 200, "the printed address opens the page");
    let cookie = format!("yibentong-{}={}", s.port, s.token);
    let (status, _) = http(s.port, "GET", "/", &[("Cookie", &cookie)], b"");
    assert_eq!(
        status, 200,
        "the page's cookie opens it again (its files load with it)"
    );
}

#[test]
fn a_failure_crosses_as_code_and_message() {
    let s = serve(120);
    let (status, e) = command(&s, "household_get", r#"{"id":"no-such-household"}"#);
    assert_eq!(status, 400, "a failed command is an error status: {e}");
    assert_eq!(e["code"], "not_found", "the core's code: {e}");
    assert!(
        e["message"].as_str().is_some_and(|m| m.contains("农户")),
        "the core's Chinese message: {e}"
    );
    let (status, e) = command(&s, "household_list", r#"{"asOf":null}"#);
    assert_eq!(
        (status, &e["code"]),
        (400, &"invalid".into()),
        "a missing argument: {e}"
    );
    let (status, e) = command(&s, "drop_everything", "{}");
    assert_eq!(
        (status, &e["code"]),
        (404, &"not_found".into()),
        "no such command: {e}"
    );
}

#[test]
fn files_go_up_and_come_back_and_nothing_else_does() {
    let s = serve(120);
    let bytes = std::fs::read(data("village.json")).expect("the test village");
    let token = [("X-Yibentong-Token", s.token.as_str())];
    let (status, body) = http(
        s.port,
        "POST",
        "/files/upload?name=%E6%9D%91.json",
        &token,
        &bytes,
    );
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let kept: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    let path = kept["path"].as_str().expect("the uploaded file's path");
    assert!(path.ends_with("村.json"), "the name is kept: {path}");

    let (status, summary) = command(
        &s,
        "import_file",
        &serde_json::json!({ "path": path }).to_string(),
    );
    assert_eq!(status, 200, "the uploaded file imports: {summary}");
    assert_eq!(
        summary[0]["inserted"], 2,
        "both households of the file (one village)"
    );
    let (status, events) = http(s.port, "GET", "/events?after=0", &token, b"");
    let events: serde_json::Value = serde_json::from_slice(&events).expect("JSON");
    assert_eq!(status, 200);
    assert!(
        events["events"]
            .as_array()
            .is_some_and(|e| e.iter().any(|p| p["task"] == "import_file")),
        "the import reported its progress: {events}"
    );

    let query = |p: &str| format!("/files?path={}", encoded(p));
    let (status, back) = http(s.port, "GET", &query(path), &token, b"");
    assert_eq!(
        (status, back == bytes),
        (200, true),
        "the uploaded file comes back whole"
    );
    let (status, _) = http(s.port, "GET", &query("/etc/passwd"), &token, b"");
    assert_eq!(
        status, 404,
        "a file outside the session's folder is not served"
    );
}

/// `text` percent-encoded for a query (all but letters, digits and `/-_.`).
fn encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// This machine's addresses other than loopback (none on a machine without a network).
fn other_addresses() -> Vec<IpAddr> {
    let out = Command::new("hostname").arg("-I").output();
    let text = out
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    text.split_whitespace()
        .filter_map(|a| a.parse::<IpAddr>().ok())
        .filter(|a| !a.is_loopback())
        .collect()
}

#[test]
fn only_loopback_listens() {
    let s = serve(120);
    assert!(s.url.starts_with("http://127.0.0.1:"), "{}", s.url);
    let others = other_addresses();
    if others.is_empty() {
        eprintln!(
            "no address besides loopback on this machine: only the printed address is checked"
        );
    }
    for ip in others {
        let reached = TcpStream::connect_timeout(&(ip, s.port).into(), Duration::from_secs(2));
        assert!(
            reached.is_err(),
            "the server must not answer on {ip}:{}",
            s.port
        );
    }
}

#[test]
fn it_stops_when_no_page_is_open() {
    let mut s = serve(1);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = s.child.try_wait().expect("the process can be waited for") {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "serve should stop after 1 s idle"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        status.success(),
        "stopping when idle is a normal end: {status}"
    );
    let mut err = String::new();
    if let Some(mut e) = s.child.stderr.take() {
        let _ = e.read_to_string(&mut err);
    }
    assert!(
        err.contains("没有打开的页面"),
        "it says why it stopped: {err}"
    );
}
