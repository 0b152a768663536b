//! The built UI (`ui/dist`, from `npm run build`): embedded in release builds so the one
//! binary serves it; a debug build reads the checkout's `ui/dist` when asked (so a rebuilt UI
//! shows without recompiling). Without a built UI every page is a Chinese note saying so.

use std::borrow::Cow;

#[derive(rust_embed::RustEmbed)]
#[folder = "ui/dist/"]
#[allow_missing = true]
struct Ui;

/// A file of the UI and its media type.
pub struct Asset {
    pub bytes: Cow<'static, [u8]>,
    pub mime: &'static str,
}

/// The UI file at `path` (without the leading `/`; empty for the page itself).
pub fn get(path: &str) -> Option<Asset> {
    let path = if path.is_empty() { "index.html" } else { path };
    let file = Ui::get(path)?;
    Some(Asset {
        bytes: file.data,
        mime: mime(path),
    })
}

/// Whether the UI was not built when this binary was (or, in a debug build, is not now).
pub fn missing() -> bool {
    Ui::get("index.html").is_none()
}

/// The page shown instead of the UI when it was not built.
pub const NOT_BUILT: &str = "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\">\
<title>一本通</title><body style=\"font-family:sans-serif;max-width:40em;margin:4em auto\">\
<h1>一本通的界面尚未构建</h1><p>这个程序在构建时没有找到界面文件（ui/dist），\
所以浏览器模式无法显示画面。请在源代码目录中运行：</p>\
<pre>cd ui &amp;&amp; npm ci &amp;&amp; npm run build\ncargo build --release</pre>\
<p>然后重新运行 <code>yibentong serve</code>。命令行的其他功能不受影响。</p></body></html>";

/// The media type of a UI file by its extension.
pub fn mime(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or_default();
    match ext {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "pdf" => "application/pdf",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
