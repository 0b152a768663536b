//! The HTTP side of `serve`: accepts connections on the loopback listener and hands each
//! request, its body read whole, to [`routes::answer`](super::routes::answer) on a blocking
//! thread (the command handlers are synchronous and take the ledger's lock). hyper keeps
//! connections alive between requests without holding a thread for each.

use super::routes::{self, Asked, Reply};
use super::Served;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

/// The largest request body read (an uploaded bundle or backup).
const BODY_LIMIT: usize = 1 << 30;

/// Accepts connections until the runtime is shut down.
pub async fn accept(listener: tokio::net::TcpListener, served: Arc<Served>) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file handles, say: wait a moment rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let served = Arc::clone(&served);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let served = Arc::clone(&served);
                async move { Ok::<_, Infallible>(respond(served, request).await) }
            });
            let io = hyper_util::rt::TokioIo::new(stream);
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(io, service)
                .await;
        });
    }
}

/// One request: read whole, answered on a blocking thread.
async fn respond(served: Arc<Served>, request: Request<Incoming>) -> Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, BODY_LIMIT).collect().await {
        Ok(collected) => collected.to_bytes().to_vec(),
        Err(_) => return response(Reply::text(413, "请求内容过大或不完整")),
    };
    let asked = Asked {
        post: parts.method == hyper::Method::POST,
        get: parts.method == hyper::Method::GET,
        url: parts.uri.to_string(),
        headers: parts
            .headers
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect(),
        body,
    };
    let reply = tokio::task::spawn_blocking(move || routes::answer(&served, &asked)).await;
    response(reply.unwrap_or_else(|_| Reply::text(500, "内部错误")))
}

/// The hyper response, with the headers every answer carries.
fn response(reply: Reply) -> Response<Full<Bytes>> {
    let mut builder = Response::builder().status(reply.status);
    let common = [
        ("Content-Type", reply.mime.to_string()),
        ("Cache-Control", "no-store".to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
        // The address holds the token: never send it on.
        ("Referrer-Policy", "no-referrer".to_string()),
    ];
    for (name, value) in common.into_iter().chain(reply.headers) {
        builder = builder.header(name, value);
    }
    builder
        .body(Full::new(Bytes::from(reply.body)))
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::from_static(b"internal error"))))
}
