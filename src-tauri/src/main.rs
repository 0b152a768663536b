//! The desktop app's entry point: hands over to `yibentong_app::run`.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    yibentong_app::run();
}
