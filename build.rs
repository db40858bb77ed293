//! espeak-rs-sys builds espeak-ng with cmake; when `libsonic-dev` is installed espeak-ng uses the
//! system's sonic instead of cloning it (which fails offline), and then someone has to link it.
fn main() {
    println!("cargo:rustc-link-lib=sonic");
    println!("cargo:rerun-if-changed=build.rs");
}
